// Fails unless tests/ts/usage/<api>.ts exercises every event leg of every generated API:
// for each leg (wire name, direction) the usage file must both emit it on the sending side and
// handle it on the receiving side, and pass an ack callback when the leg takes one.
//
// The legs come from the generated `*ClientToServerEvents` / `*ServerToClientEvents`
// interfaces; the calls are found with the TypeScript type checker, which tells a socket.io
// (server) receiver from a socket.io-client receiver by where its type is declared.
//
// usage: node check_usage.mjs --root <repo> --tsconfig <tsconfig.json> --gen <generated dir>
//                             --usage <usage dir>
import path from "node:path";
import fs from "node:fs";
import { parseArgs, loadTypeScript, readConfig, generatedModules, fail } from "./lib.mjs";

const args = parseArgs(process.argv.slice(2));
const ts = loadTypeScript(args.root);
const config = readConfig(ts, args.tsconfig);
const modules = generatedModules(args.gen);
const usageOf = (module) => path.join(args.usage, `${path.basename(module, ".ts")}.ts`);
const usages = modules.map(usageOf).filter((f) => fs.existsSync(f));
const program = ts.createProgram([...modules, ...usages], config.options);
const checker = program.getTypeChecker();

const EMIT = new Set(["emit", "emitWithAck"]);
const HANDLE = new Set(["on", "once", "addListener", "prependListener", "prependOnceListener"]);

/** Every leg of a generated module: { dir, wire, hasAck }. */
function legsOf(file) {
  const sf = program.getSourceFile(file);
  const legs = [];
  for (const st of sf.statements) {
    if (!ts.isInterfaceDeclaration(st)) continue;
    const name = st.name.text;
    const dir = name.endsWith("ClientToServerEvents") ? "client-to-server"
      : name.endsWith("ServerToClientEvents") ? "server-to-client" : null;
    if (!dir) continue;
    for (const member of st.members) {
      if (!ts.isPropertySignature(member) || !ts.isStringLiteral(member.name)) continue;
      const sig = checker.getTypeAtLocation(member).getCallSignatures()[0];
      const last = sig.parameters[sig.parameters.length - 1];
      const hasAck = last !== undefined &&
        checker.getTypeOfSymbolAtLocation(last, member).getCallSignatures().length > 0;
      legs.push({ dir, wire: member.name.text, hasAck });
    }
  }
  return legs;
}

/** "server" or "client" from where the receiver's type is declared, or null. */
function sideOf(expr) {
  const type = checker.getTypeAtLocation(expr);
  const symbol = type.getSymbol() ?? type.aliasSymbol;
  const decl = symbol?.declarations?.[0];
  if (!decl) return null;
  const file = decl.getSourceFile().fileName;
  if (file.includes("/node_modules/socket.io-client/")) return "client";
  if (file.includes("/node_modules/socket.io/")) return "server";
  return null;
}

/** Every emit/handler call of a usage file: { dir, wire, kind, callback }. */
function callsOf(file) {
  const calls = [];
  const visit = (node) => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const method = node.expression.name.text;
      const first = node.arguments[0];
      const kind = EMIT.has(method) ? "emit" : HANDLE.has(method) ? "handle" : null;
      if (kind && first && ts.isStringLiteralLike(first)) {
        const side = sideOf(node.expression.expression);
        if (side) {
          const dir = (side === "client") === (kind === "emit") ? "client-to-server" : "server-to-client";
          const lastArg = node.arguments[node.arguments.length - 1];
          const callback = method === "emitWithAck" ||
            (node.arguments.length > 1 && (ts.isArrowFunction(lastArg) || ts.isFunctionExpression(lastArg)));
          calls.push({ dir, wire: first.text, kind, callback });
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(program.getSourceFile(file));
  return calls;
}

const problems = [];
let legCount = 0;
for (const module of modules) {
  const api = path.basename(module, ".ts");
  const usage = usageOf(module);
  if (!fs.existsSync(usage)) {
    problems.push(`${api}: no usage file ${usage}`);
    continue;
  }
  const calls = callsOf(usage);
  for (const leg of legsOf(module)) {
    ++legCount;
    const mine = calls.filter((c) => c.dir === leg.dir && c.wire === leg.wire);
    const where = `${api}: "${leg.wire}" (${leg.dir})`;
    const sender = leg.dir === "client-to-server" ? "client" : "server";
    const receiver = leg.dir === "client-to-server" ? "server" : "client";
    if (!mine.some((c) => c.kind === "emit")) problems.push(`${where} is never emitted by the ${sender}`);
    if (!mine.some((c) => c.kind === "handle")) problems.push(`${where} is never handled by the ${receiver}`);
    if (leg.hasAck && !mine.some((c) => c.kind === "emit" && c.callback))
      problems.push(`${where} takes an ack but no emit passes a callback`);
  }
}
if (legCount === 0) fail(`no event legs found in ${args.gen}/ts`);
if (problems.length) fail(`usage files miss event legs:\n  ${problems.join("\n  ")}`);
console.log(`ok: ${legCount} event legs of ${modules.length} APIs are emitted and handled in ${args.usage}`);
