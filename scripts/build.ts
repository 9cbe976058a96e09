// `npm run build` (and `prepare`, so `npm ci` builds): compiles the published package into dist/.
//  - JavaScript of src/, reporters/ and suites/ (the CLI's vitest run loads the compiled suites), comments stripped:
//    the commented source is the repo, and the tarball stays small;
//  - declarations, with their doc comments, of the library's public surface only: the modules dist/src/index.d.ts
//    reaches (the CLI, the sandbox's internals and the suites have no importable types);
//  - the results schema, read at run time beside its module.
import { cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { transformSync } from "esbuild";

const root = fileURLToPath(new URL("../", import.meta.url));
const dist = resolve(root, "dist");

const configPath = resolve(root, "tsconfig.build.json");
const read = ts.readConfigFile(configPath, ts.sys.readFile);
const config = ts.parseJsonConfigFileContent(read.config, ts.sys, root, undefined, configPath);
const host = ts.createCompilerHost(config.options);
const format: ts.FormatDiagnosticsHost = {
  getCanonicalFileName: (f) => f,
  getCurrentDirectory: () => root,
  getNewLine: () => "\n",
};

function fail(diagnostics: readonly ts.Diagnostic[]): never {
  process.stderr.write(ts.formatDiagnosticsWithColorAndContext(diagnostics, format));
  process.exit(1);
}
if (read.error) fail([read.error]);
if (config.errors.length) fail(config.errors);

rmSync(dist, { recursive: true, force: true });

// Declarations first (the type check happens here), to memory: only the public surface's are written.
const declarations = new Map<string, string>();
const types = ts.createProgram({
  rootNames: config.fileNames,
  options: { ...config.options, declaration: true, emitDeclarationOnly: true },
  host,
});
const problems = ts.getPreEmitDiagnostics(types);
if (problems.length) fail(problems);
const typed = types.emit(undefined, (file, text) => declarations.set(resolve(file), text));
if (typed.diagnostics.length) fail(typed.diagnostics);
// The JavaScript is file by file, without a second type check (the one above covers the same files); the package is
// "type": "module", which a single-file transpile cannot see under NodeNext, hence ESNext.
for (const file of config.fileNames) {
  const out = ts.transpileModule(ts.sys.readFile(file)!, {
    fileName: file,
    compilerOptions: {
      ...config.options,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      declaration: false,
      removeComments: true,
    },
    reportDiagnostics: true,
  });
  if (out.diagnostics?.length) fail(out.diagnostics);
  const target = resolve(dist, relative(root, file)).replace(/\.ts$/, ".js");
  mkdirSync(dirname(target), { recursive: true });
  // Whitespace and syntax minified (names kept, so errors still name their functions): the tarball's size budget.
  writeFileSync(
    target,
    transformSync(out.outputText, {
      minifyWhitespace: true,
      minifySyntax: true,
      minifyIdentifiers: true,
      format: "esm",
      target: "node20",
    }).code,
  );
}

const reached = new Set<string>();
const pending = [resolve(dist, "src/index.d.ts")];
for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
  const text = declarations.get(file);
  if (text === undefined || reached.has(file)) continue;
  reached.add(file);
  // Declarations keep the source's relative ".ts" specifiers; each names the ".d.ts" beside the compiled module.
  for (const [, specifier] of text.matchAll(/(?:from\s+|import\()["'](\.{1,2}\/[^"']+)["']/g))
    pending.push(resolve(dirname(file), specifier!.replace(/\.(?:ts|js)$/, ".d.ts")));
}
// As in the JavaScript, a relative ".ts" specifier names the compiled module: a consumer's tsc needs no
// allowImportingTsExtensions to read them.
for (const file of reached)
  writeFileSync(
    file,
    declarations.get(file)!.replace(/((?:from\s+|import\()["']\.{1,2}\/[^"']+)\.ts(["'])/g, "$1.js$2"),
  );

cpSync(resolve(root, "src/results/results.schema.json"), resolve(dist, "src/results/results.schema.json"));
process.stdout.write(
  `dist/: JavaScript of ${config.fileNames.length} modules, declarations of the ${reached.size} the library exports\n`,
);
