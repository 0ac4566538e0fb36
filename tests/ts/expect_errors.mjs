// "Must not compile" check for one file of tests/ts/negative/: type-checks it together with the
// generated modules and passes only when the file's errors are exactly the expected ones.
// Every line that must fail ends with `// error: TS<code>`; each such line must produce that
// diagnostic code, and no other line (and no generated module) may produce any.
//
// usage: node expect_errors.mjs --root <repo> --tsconfig <tsconfig.json> --gen <generated dir>
//                               --file <negative .ts>
import fs from "node:fs";
import path from "node:path";
import { parseArgs, loadTypeScript, readConfig, generatedModules, format, fail } from "./lib.mjs";

const args = parseArgs(process.argv.slice(2));
const ts = loadTypeScript(args.root);
const config = readConfig(ts, args.tsconfig);
const file = path.resolve(args.file);
const program = ts.createProgram([...generatedModules(args.gen), file], config.options);
const diagnostics = ts.getPreEmitDiagnostics(program);

const expected = new Map();   // 1-based line -> code
fs.readFileSync(file, "utf8").split("\n").forEach((text, i) => {
  const m = /\/\/ error: TS(\d+)\s*$/.exec(text);
  if (m) expected.set(i + 1, Number(m[1]));
});
if (expected.size === 0) fail(`${file} marks no line with \`// error: TS<code>\``);

const problems = [];
const found = new Set();
for (const d of diagnostics) {
  const line = d.file ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0;
  const ok = d.file && path.resolve(d.file.fileName) === file && expected.get(line) === d.code;
  if (ok) found.add(line);
  else problems.push(`unexpected diagnostic:\n${format(ts, [d])}`);
}
for (const [line, code] of expected)
  if (!found.has(line)) problems.push(`${path.basename(file)}:${line}: expected error TS${code} on this line, none reported`);
if (problems.length) fail(problems.join("\n"));
console.log(`ok: ${path.basename(file)} fails to compile as expected (${[...expected.values()].map((c) => `TS${c}`).join(", ")})`);
