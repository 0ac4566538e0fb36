// Runs the accept/reject vectors of tests/ts/guards/vectors.txt against the guards sockspec-gen
// generates for tests/ts/guards/fixture.yaml: generate (sockspec-gen --lang ts), compile with
// tsc --strict, load, check every vector. One failing vector fails the test.
//
// usage: node guard_vectors.mjs --root <repo> --gen-tool <sockspec-gen> --fixture <yaml>
//                               --vectors <txt> --work <scratch dir>
import { createRequire } from "node:module";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { parseArgs, loadTypeScript, format, fail } from "./lib.mjs";

const args = parseArgs(process.argv.slice(2));
const ts = loadTypeScript(args.root);
fs.rmSync(args.work, { recursive: true, force: true });
const gen = spawnSync(args["gen-tool"], ["generate", "--lang", "ts", "--out", args.work, args.fixture], { encoding: "utf8" });
if (gen.status !== 0) fail(`sockspec-gen exited with ${gen.status}:\n${gen.stderr}`);
const source = fs.readdirSync(path.join(args.work, "ts")).map((f) => path.join(args.work, "ts", f));
if (source.length !== 1) fail(`expected one generated module, got ${source.length}`);

const program = ts.createProgram(source, {
  strict: true, exactOptionalPropertyTypes: true, noUncheckedIndexedAccess: true, noUnusedLocals: true,
  target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.CommonJS, outDir: path.join(args.work, "js"),
  noEmitOnError: true, types: [],
});
const emitted = program.emit();
const errors = [...ts.getPreEmitDiagnostics(program), ...emitted.diagnostics];
if (errors.length) fail(`generated TypeScript does not compile:\n${format(ts, errors)}`);
fs.writeFileSync(path.join(args.work, "js", "package.json"), '{ "type": "commonjs" }\n');
const mod = createRequire(import.meta.url)(path.join(args.work, "js", path.basename(source[0], ".ts") + ".js"));

const problems = [];
let count = 0;
fs.readFileSync(args.vectors, "utf8").split("\n").forEach((line, i) => {
  if (line.trim() === "" || line.startsWith("#")) return;
  const where = `vectors.txt:${i + 1}`;
  const m = /^(accept|reject) (?:(args|ack) (\S+) (c2s|s2c) (\S+)|(\w+)) (.*)$/.exec(line);
  if (!m) return problems.push(`${where}: cannot parse "${line}"`);
  const [, verdict, list, nsp, dir, event, typeName, json] = m;
  let check;
  if (typeName) check = mod[`is${typeName}`];
  else check = mod.guardsByNamespace[nsp]?.[dir === "c2s" ? "clientToServer" : "serverToClient"]?.[event]?.[list];
  if (typeof check !== "function") return problems.push(`${where}: no guard for "${line}"`);
  let value;
  try {
    value = JSON.parse(json);
  } catch {
    return problems.push(`${where}: bad JSON ${json}`);
  }
  ++count;
  if (check(value) !== (verdict === "accept")) problems.push(`${where}: expected ${verdict}: ${line}`);
});
if (count === 0) problems.push("no vectors");
if (problems.length) fail(problems.join("\n"));
console.log(`ok: ${count} guard vectors`);
