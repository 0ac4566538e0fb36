// Shared helpers of the TypeScript tests: load the pinned `typescript` package from the
// project's node_modules, read the generated tsconfig, and report diagnostics.
import { createRequire } from "node:module";
import fs from "node:fs";
import path from "node:path";

/** Parses `--key value` pairs (a repeated key collects an array). */
export function parseArgs(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, "");
    const value = argv[i + 1];
    if (value === undefined) throw new Error(`missing value for ${argv[i]}`);
    if (key in out) out[key] = [].concat(out[key], value);
    else out[key] = value;
  }
  return out;
}

/** The `typescript` package installed by `npm ci` in `root`; a clear failure otherwise. */
export function loadTypeScript(root) {
  try {
    return createRequire(path.join(root, "package.json"))("typescript");
  } catch {
    fail(`typescript not found under ${root}/node_modules: run \`npm ci\` (scripts/bootstrap.sh)`);
  }
}

/** Compiler options of a tsconfig file (the one CMake writes next to the tests). */
export function readConfig(ts, configPath) {
  const read = ts.readConfigFile(configPath, ts.sys.readFile);
  if (read.error) fail(format(ts, [read.error]));
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, path.dirname(configPath));
  if (parsed.errors.length) fail(format(ts, parsed.errors));
  return parsed;
}

/** The generated module files (<gen>/ts/*.ts), sorted. */
export function generatedModules(genDir) {
  const dir = path.join(genDir, "ts");
  if (!fs.existsSync(dir)) fail(`no generated TypeScript in ${dir}: run sockspec-gen generate --lang ts`);
  return fs.readdirSync(dir).filter((f) => f.endsWith(".ts")).sort().map((f) => path.join(dir, f));
}

/** tsc-style text of diagnostics. */
export function format(ts, diagnostics) {
  return ts.formatDiagnostics(diagnostics, {
    getCanonicalFileName: (f) => f,
    getCurrentDirectory: () => process.cwd(),
    getNewLine: () => "\n",
  });
}

/** The rule the emitter documents (docs/typescript.md): "/emergencies" -> "Emergencies". */
export function nspPrefix(nspPath) {
  return nspPath === "/" ? "" : nspPath.split(/[^A-Za-z0-9]+/).filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1)).join("");
}

export function fail(message) {
  console.error(`FAIL: ${message}`);
  process.exit(1);
}
