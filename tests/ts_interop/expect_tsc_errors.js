// "Must not compile" check: runs tsc on a project whose one file marks each line that must fail
// with `// error: TS<code>`. Passes only when tsc fails and its errors are exactly the marked
// ones: each marked line reports its code, and nothing else (no other line, no other file) fails.
//
// usage: node expect_tsc_errors.js <tsc.js> <tsconfig.json> <file.ts>
"use strict";
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const [tsc, tsconfig, file] = process.argv.slice(2).map((a) => path.resolve(a));
const fail = (why) => {
  console.log("FAIL " + why);
  process.exit(1);
};
if (process.argv.length !== 5) fail("usage: expect_tsc_errors.js <tsc.js> <tsconfig.json> <file.ts>");

const expected = new Map(); // "line" -> code
fs.readFileSync(file, "utf8").split("\n").forEach((text, i) => {
  const m = /\/\/ error: (TS\d+)\s*$/.exec(text);
  if (m) expected.set(String(i + 1), m[1]);
});
if (expected.size === 0) fail(`${file} marks no line with // error: TS<code>`);

const run = spawnSync(process.execPath, [tsc, "-p", tsconfig, "--pretty", "false"], {
  cwd: path.dirname(tsconfig),
  encoding: "utf8",
});
const output = (run.stdout || "") + (run.stderr || "");
if (run.status === 0) fail(`tsc accepted ${file}:\n${output}`);

const problems = [];
const found = new Set();
for (const line of output.split("\n")) {
  const m = /^(.+)\((\d+),\d+\): error (TS\d+):/.exec(line);
  if (!m) continue;
  const same = path.resolve(path.dirname(tsconfig), m[1]) === path.resolve(file);
  if (same && expected.get(m[2]) === m[3]) found.add(m[2]);
  else problems.push(`unexpected: ${line}`);
}
for (const [line, code] of expected)
  if (!found.has(line)) problems.push(`${path.basename(file)}:${line}: expected ${code}, none reported`);
if (problems.length) fail(problems.join("\n") + "\n--- tsc output ---\n" + output);
console.log(`ok: ${path.basename(file)} fails to compile with exactly ${[...expected.values()].join(", ")}`);
