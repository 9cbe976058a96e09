// The import graph of the kit's production code (`src/`, `reporters/`): which file imports which, the layer each
// file belongs to, and what breaks "one way down" (an import of a higher layer, a cycle of files or of folders).
// `tsx scripts/import-graph.ts` prints the counts; the test beside it fails on any violation.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import ts from "typescript";

/**
 * Layers, lowest first: a file may import its own layer or a lower one. A unit is a folder under `src/` or
 * `reporters/`, or a file directly in `src/`.
 */
export const LAYERS: readonly (readonly string[])[] = [
  ["src/types.ts", "src/layout.ts", "src/bytes.ts"],
  ["src/openapi", "src/auth", "src/images", "src/redact", "src/iso3166.ts", "src/suggest.ts"],
  // config reads the recording's settings (src/recording): it sits beside what it configures.
  [
    "src/checks",
    "src/transport",
    "src/reliability",
    "src/arbitraries",
    "src/config",
    "src/recording",
    "src/sandbox",
    "src/results",
    "src/diff",
    "src/baseline",
  ],
  ["src/suite", "src/proxy", "reporters"],
  ["src/cli", "src/index.ts"],
];

/** Test files and test helpers are not production code: they may import anything. */
const isProduction = (file: string) => !/\.test\.ts$/.test(file) && !file.split("/").includes("testing");

export interface ImportGraph {
  /** Repository-relative file → the repository-relative files it imports (relative specifiers only). */
  edges: Map<string, string[]>;
}

function walk(root: string, dir: string, out: string[]): void {
  for (const name of readdirSync(join(root, dir))) {
    const rel = `${dir}/${name}`;
    if (statSync(join(root, rel)).isDirectory()) walk(root, rel, out);
    else if (name.endsWith(".ts") && isProduction(rel)) out.push(rel);
  }
}

/** Reads every production `.ts` file under `dirs` (relative to `root`) and its relative imports, type-only included. */
export function buildGraph(root: string, dirs: readonly string[] = ["src", "reporters"]): ImportGraph {
  const files: string[] = [];
  for (const dir of dirs) if (existsSync(join(root, dir))) walk(root, dir, files);
  const edges = new Map<string, string[]>();
  for (const file of files.sort()) {
    const { importedFiles } = ts.preProcessFile(readFileSync(join(root, file), "utf8"), true, true);
    const targets = importedFiles
      .map((i) => i.fileName)
      .filter((name) => name.startsWith("."))
      .map((name) =>
        relative(root, resolve(root, dirname(file), name))
          .split(sep)
          .join("/"),
      )
      .filter((target) => target.endsWith(".ts") && isProduction(target));
    edges.set(file, [...new Set(targets)]);
  }
  return { edges };
}

/** The folder (or top-level file) a file belongs to: `src/checks/x.ts` → `src/checks`, `reporters/html/y.ts` → `reporters`. */
export function unitOf(file: string): string {
  const parts = file.split("/");
  if (parts[0] === "src") return parts.length > 2 ? `${parts[0]}/${parts[1]}` : file;
  return parts[0]!;
}

export function layerOf(file: string, layers: readonly (readonly string[])[] = LAYERS): number | undefined {
  const unit = unitOf(file);
  const index = layers.findIndex((layer) => layer.includes(unit));
  return index < 0 ? undefined : index;
}

/** Strongly connected components with more than one member (each one a cycle), members sorted. */
export function cycles(nodes: Iterable<string>, next: (node: string) => Iterable<string>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of next(v)) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const v of nodes) if (!index.has(v)) visit(v);
  return found.sort((a, b) => a[0]!.localeCompare(b[0]!));
}

export interface Violations {
  /** One line each, naming the importing and the imported file. */
  upward: string[];
  fileCycles: string[];
  folderCycles: string[];
  /** Files in no layer (a new folder): the table above must place it. */
  unplaced: string[];
}

/** One edge inside a cycle, so the message names two files a reader can open. */
function closingEdge(component: string[], edges: (n: string) => string[]): [string, string] {
  const members = new Set(component);
  const from = component[0]!;
  return [from, edges(from).find((to) => members.has(to))!];
}

export function violations(graph: ImportGraph, layers: readonly (readonly string[])[] = LAYERS): Violations {
  const out: Violations = { upward: [], fileCycles: [], folderCycles: [], unplaced: [] };
  const fileEdges = (f: string) => graph.edges.get(f) ?? [];
  for (const [from, targets] of graph.edges) {
    const mine = layerOf(from, layers);
    if (mine === undefined)
      out.unplaced.push(`${from} is in no layer: add ${unitOf(from)} to LAYERS in scripts/import-graph.ts`);
    for (const to of targets) {
      const theirs = layerOf(to, layers);
      if (mine !== undefined && theirs !== undefined && theirs > mine) {
        out.upward.push(
          `${from} imports ${to}: ${unitOf(from)} (layer ${mine}) must not import ${unitOf(to)} (layer ${theirs})`,
        );
      }
    }
  }
  for (const component of cycles(graph.edges.keys(), fileEdges)) {
    const [a, b] = closingEdge(component, fileEdges);
    out.fileCycles.push(
      `${a} imports ${b}, which leads back to it (cycle of ${component.length} files: ${component.join(", ")})`,
    );
  }
  const folderEdges = new Map<string, Map<string, [string, string]>>();
  for (const [from, targets] of graph.edges) {
    for (const to of targets) {
      const a = unitOf(from);
      const b = unitOf(to);
      if (a === b) continue;
      const row = folderEdges.get(a) ?? new Map<string, [string, string]>();
      if (!row.has(b)) row.set(b, [from, to]);
      folderEdges.set(a, row);
    }
  }
  const units = new Set([...graph.edges.keys()].map(unitOf));
  const unitNext = (u: string) => [...(folderEdges.get(u)?.keys() ?? [])];
  for (const component of cycles(units, unitNext)) {
    const [a, b] = closingEdge(component, unitNext);
    const [fa, fb] = folderEdges.get(a)!.get(b)!;
    out.folderCycles.push(`${fa} imports ${fb}, and ${b} leads back to ${a} (folder cycle: ${component.join(", ")})`);
  }
  return out;
}

const main = process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname);
if (main) {
  const root = resolve(dirname(new URL(import.meta.url).pathname), "..");
  const graph = buildGraph(root);
  const v = violations(graph);
  const edges = [...graph.edges.values()].reduce((n, t) => n + t.length, 0);
  for (const line of [...v.unplaced, ...v.upward, ...v.fileCycles, ...v.folderCycles]) console.log(line);
  console.log(
    `${graph.edges.size} files, ${edges} imports: ${v.upward.length} upward, ${v.fileCycles.length} file cycles, ${v.folderCycles.length} folder cycles, ${v.unplaced.length} unplaced`,
  );
  process.exitCode = v.upward.length + v.fileCycles.length + v.folderCycles.length + v.unplaced.length > 0 ? 1 : 0;
}
