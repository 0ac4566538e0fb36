// Cross-language check: every schema example, encoded by the C++ codecs (tests/codec
// `encode_examples`), must pass the generated TypeScript guards and type-check against the
// generated event maps; mutated copies (a required field removed, a value of the wrong kind,
// an extra argument) must be rejected by the guards, so the test can fail.
//
// usage: node cross_language.mjs --root <repo> --tsconfig <tsconfig.json> --gen <generated dir>
//          --encoder <encode_examples> --schema <yaml> [--schema <yaml>...] --work <scratch dir>
import { createRequire } from "node:module";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { parseArgs, loadTypeScript, readConfig, generatedModules, format, nspPrefix, fail } from "./lib.mjs";

const args = parseArgs(process.argv.slice(2));
const ts = loadTypeScript(args.root);
const config = readConfig(ts, args.tsconfig);
const modules = generatedModules(args.gen);
const apiOf = (file) => path.basename(file, ".ts");
const interfaceOf = (nspPath, dir) =>
  nspPrefix(nspPath) + (dir === "client-to-server" ? "ClientToServerEvents" : "ServerToClientEvents");
const dirKey = (dir) => (dir === "client-to-server" ? "clientToServer" : "serverToClient");

// 1. The C++ side: one JSON line per example.
const schemas = [].concat(args.schema ?? []);
if (schemas.length === 0) fail("no --schema given");
const run = spawnSync(args.encoder, schemas, { encoding: "utf8", maxBuffer: 1 << 26 });
if (run.status !== 0) fail(`${args.encoder} exited with ${run.status}:\n${run.stderr}`);
const examples = run.stdout.split("\n").filter((l) => l.trim() !== "").map((l, i) => {
  try {
    return JSON.parse(l);
  } catch {
    return fail(`encode_examples line ${i + 1} is not JSON: ${l}`);
  }
});
if (examples.length === 0) fail("encode_examples printed no examples");

// 2. Compile the generated modules to JavaScript (tsc, strict) and load them.
fs.rmSync(args.work, { recursive: true, force: true });
const jsDir = path.join(args.work, "js");
const program = ts.createProgram(modules, {
  strict: true, target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.CommonJS, outDir: jsDir,
  rootDir: path.join(args.gen, "ts"), noEmitOnError: true, skipLibCheck: true, types: [],
});
const emitted = program.emit();
const compileErrors = [...ts.getPreEmitDiagnostics(program), ...emitted.diagnostics];
if (compileErrors.length) fail(`generated TypeScript does not compile:\n${format(ts, compileErrors)}`);
fs.writeFileSync(path.join(jsDir, "package.json"), '{ "type": "commonjs" }\n');
const require = createRequire(import.meta.url);
const loaded = Object.fromEntries(modules.map((m) => [apiOf(m), require(path.join(jsDir, `${apiOf(m)}.js`))]));
const checker = program.getTypeChecker();

/** Parameter types of a leg from the generated event map: { args: Type[], ack: Type[]|null }. */
function legTypes(api, nspPath, dir, wire) {
  const sf = program.getSourceFile(modules.find((m) => apiOf(m) === api));
  const iface = sf.statements.find((s) => ts.isInterfaceDeclaration(s) && s.name.text === interfaceOf(nspPath, dir));
  const member = iface?.members.find((m) => ts.isPropertySignature(m) && m.name.text === wire);
  if (!member) return null;
  const sig = checker.getTypeAtLocation(member).getCallSignatures()[0];
  const types = sig.parameters.map((p) => checker.getTypeOfSymbolAtLocation(p, member));
  const ackSig = types.length ? types[types.length - 1].getCallSignatures()[0] : undefined;
  if (!ackSig) return { args: types, ack: null };
  return { args: types.slice(0, -1), ack: ackSig.parameters.map((p) => checker.getTypeOfSymbolAtLocation(p, member)) };
}

/** Required property names of an object type (none for primitives, unions, maps, arrays). */
function requiredProps(type, value) {
  if (!(type.flags & ts.TypeFlags.Object) || typeof value !== "object" || value === null || Array.isArray(value)) return [];
  return type.getProperties().filter((p) => !(p.flags & ts.SymbolFlags.Optional)).map((p) => p.name);
}

/** A JSON value of another kind than `v`. */
const otherKind = (v) => (typeof v === "string" ? 42 : "42");

// 3. Guards accept every example; mutations are rejected.
const problems = [];
let accepted = 0, rejected = 0, removedFields = 0;
const staticChecks = [];
for (const [i, ex] of examples.entries()) {
  const where = `example ${i + 1} (${ex.api} "${ex.event}" ${ex.direction})`;
  const mod = loaded[ex.api];
  if (!mod) {
    problems.push(`${where}: no generated module ${ex.api}.ts`);
    continue;
  }
  const nsps = ex.nsp ? [ex.nsp] : Object.keys(mod.guardsByNamespace)
    .filter((n) => mod.guardsByNamespace[n][dirKey(ex.direction)][ex.event] !== undefined);
  const guard = nsps.length === 1 ? mod.guardsByNamespace[nsps[0]]?.[dirKey(ex.direction)][ex.event] : undefined;
  const types = nsps.length === 1 ? legTypes(ex.api, nsps[0], ex.direction, ex.event) : null;
  if (!guard || !types) {
    problems.push(`${where}: ${nsps.length > 1 ? `in several namespaces (${nsps.join(", ")})` : "no such leg in the generated module"}`);
    continue;
  }
  const lists = [["args", ex.args, guard.args, types.args]];
  if ("ack" in ex) {
    if (!guard.ack || !types.ack) {
      problems.push(`${where}: has an ack example but the leg takes no ack`);
      continue;
    }
    lists.push(["ack", ex.ack, guard.ack, types.ack]);
  }
  for (const [what, values, check, paramTypes] of lists) {
    if (check(values)) ++accepted;
    else problems.push(`${where}: guard rejects the C++-encoded ${what} ${JSON.stringify(values)}`);
    const mutants = [[`${what} with an extra argument`, [...values, 0]]];
    values.forEach((value, k) => {
      const type = paramTypes[k];
      if (type && !(type.flags & ts.TypeFlags.Unknown))
        mutants.push([`${what}[${k}] of another kind`, values.map((x, j) => (j === k ? otherKind(x) : x))]);
      for (const prop of type ? requiredProps(type, value) : []) {
        if (!(prop in value)) continue;
        const copy = structuredClone(values);
        delete copy[k][prop];
        mutants.push([`${what}[${k}] without required field "${prop}"`, copy]);
        ++removedFields;
      }
    });
    for (const [label, mutant] of mutants) {
      if (check(mutant)) problems.push(`${where}: guard accepts ${label}: ${JSON.stringify(mutant)}`);
      else ++rejected;
    }
  }
  const leg = `api_${ex.api}.${interfaceOf(nsps[0], ex.direction)}[${JSON.stringify(ex.event)}]`;
  staticChecks.push(`// ${where}\nexport const args_${i}: ArgsOf<${leg}> = ${JSON.stringify(ex.args)};`);
  if ("ack" in ex) staticChecks.push(`export const ack_${i}: AckOf<${leg}> = ${JSON.stringify(ex.ack)};`);
}
if (removedFields === 0) problems.push("no example has a required object field to remove: the mutation test checks nothing");

// 4. The same values type-check against the generated event maps (tsc, strict).
const checkFile = path.join(args.work, "examples.ts");
const apis = [...new Set(examples.map((e) => e.api))].filter((a) => loaded[a]);
fs.writeFileSync(checkFile, [
  "// Written by tests/ts/cross_language.mjs: the C++-encoded examples as typed constants.",
  ...apis.map((a) => `import type * as api_${a} from "@generated/${a}";`),
  "export type Params<F> = F extends (...a: infer P) => void ? P : never;",
  "export type ArgsOf<F> = Params<F> extends [...infer A, (...x: never[]) => unknown] ? A : Params<F>;",
  "export type AckOf<F> = Params<F> extends [...unknown[], (...x: infer R) => unknown] ? R : never;",
  ...staticChecks, ""].join("\n"));
const typed = ts.createProgram([...modules, checkFile], config.options);
const typeErrors = ts.getPreEmitDiagnostics(typed);
if (typeErrors.length) problems.push(`C++-encoded examples do not type-check:\n${format(ts, typeErrors)}`);

if (problems.length) fail(problems.join("\n"));
console.log(`ok: ${examples.length} C++-encoded examples: ${accepted} argument/ack lists accepted, ` +
            `${rejected} mutations rejected (${removedFields} with a required field removed), all type-check`);
