// Type-checks the "Connecting to <namespace>" snippet of every generated docs/<api>.md against
// the generated module and the real socket.io-client typings, so the docs' first example
// compiles as written (the import of "./<api>" is pointed at the generated module).
//
// usage: node doc_snippets.mjs --root <repo> --tsconfig <tsconfig.json> --gen <generated dir>
//                              --work <scratch dir>
import fs from "node:fs";
import path from "node:path";
import { parseArgs, loadTypeScript, readConfig, generatedModules, format, fail } from "./lib.mjs";

const args = parseArgs(process.argv.slice(2));
const ts = loadTypeScript(args.root);
const config = readConfig(ts, args.tsconfig);
const modules = generatedModules(args.gen);
fs.rmSync(args.work, { recursive: true, force: true });
fs.mkdirSync(args.work, { recursive: true });

const snippets = [];
for (const module of modules) {
  const api = path.basename(module, ".ts");
  const page = path.join(args.gen, "docs", `${api}.md`);
  if (!fs.existsSync(page)) fail(`no ${page} for ${module}`);
  const re = /^### Connecting to .*\n\n```ts\n([\s\S]*?)```/gm;
  let found = 0;
  for (const m of fs.readFileSync(page, "utf8").matchAll(re)) {
    const file = path.join(args.work, `${api}_${++found}.ts`);
    fs.writeFileSync(file, m[1].replaceAll(`from "./${api}"`, `from "@generated/${api}"`));
    snippets.push(file);
  }
  if (found === 0) fail(`${page} has no "Connecting to" snippet`);
}
const program = ts.createProgram([...modules, ...snippets], { ...config.options, noUnusedLocals: false });
const errors = ts.getPreEmitDiagnostics(program);
if (errors.length) fail(`documentation snippets do not compile:\n${format(ts, errors)}`);
console.log(`ok: ${snippets.length} connection snippets compile`);
