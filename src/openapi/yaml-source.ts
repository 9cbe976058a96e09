// Parses one spec file keeping the YAML node tree, so any JSON pointer can be turned back into a line number.
import { LineCounter, isAlias, isMap, isPair, isScalar, isSeq, parseDocument, type Document, type Node } from "yaml";
import { SpecError } from "./errors.ts";
import { parsePointer } from "./pointer.ts";

export interface YamlSource {
  file: string;
  raw: Record<string, unknown>;
  /** 1-based line of the key (or item) the pointer names; undefined when the pointer does not exist. */
  lineOf(pointer: string): number | undefined;
  /** Line of the deepest existing prefix of the pointer. */
  nearestLineOf(pointer: string): number | undefined;
  /** Every answer of lineOf/nearestLineOf as data, for the spec cache; throws on a recursive alias. */
  lineTable(): LineTable;
}

/**
 * Every answer of lineOf/nearestLineOf as plain JSON data. One key or item: a bare line when nothing can be looked
 * up below it (a scalar, an empty collection), else `[line, {key: child}]` for a mapping or `[line, [child, ...]]`
 * for a sequence. The root's line is 1.
 */
export type LineTable = number | [number, Record<string, LineTable>] | [number, LineTable[]];

export function parseYamlSource(text: string, file: string): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: true });
  const first = doc.errors[0];
  if (first) {
    const problem = first.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
    throw new SpecError(
      file,
      first.linePos?.[0]?.line,
      `invalid YAML: ${problem} (${first.code})`,
      "fix the YAML syntax at that line (indentation, brackets, quotes, duplicate keys)",
    );
  }
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 1000 });
  } catch (e) {
    throw new SpecError(
      file,
      undefined,
      `YAML cannot be converted to data: ${(e as Error).message}`,
      "remove recursive or excessive aliases",
    );
  }
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    throw new SpecError(file, 1, "the document is not a YAML mapping", "start the file with `openapi: 3.0.3`");
  }
  const cache = new Map<string, { line: number | undefined; exact: boolean }>();
  const locate = (pointer: string) => {
    let hit = cache.get(pointer);
    if (!hit) {
      hit = walk(doc, lineCounter, parsePointer(pointer));
      cache.set(pointer, hit);
    }
    return hit;
  };
  let table: LineTable | undefined;
  return {
    file,
    raw: raw as Record<string, unknown>,
    lineOf: (p) => {
      const hit = locate(p);
      return hit.exact ? hit.line : undefined;
    },
    nearestLineOf: (p) => locate(p).line,
    lineTable: () => (table ??= tableOf(doc, lineCounter, doc.contents, 1, new Set())),
  };
}

function walk(doc: Document, lc: LineCounter, segments: string[]): { line: number | undefined; exact: boolean } {
  let node: unknown = doc.contents;
  let line: number | undefined = 1;
  for (const seg of segments) {
    if (isAlias(node)) node = node.resolve(doc);
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && keyString(p.key) === seg);
      if (!pair) return { line, exact: false };
      const keyNode = pair.key as Node | null;
      if (keyNode?.range) line = lc.linePos(keyNode.range[0]).line;
      node = pair.value;
    } else if (isSeq(node)) {
      const item = node.items[Number(seg)] as Node | undefined;
      if (!/^\d+$/.test(seg) || item === undefined) return { line, exact: false };
      if (item?.range) line = lc.linePos(item.range[0]).line;
      node = item;
    } else {
      return { line, exact: false };
    }
  }
  return { line, exact: true };
}

/**
 * The table of `node` (reached at `line`), following the same rules as walk: aliases resolved, the first of equal
 * keys, a key or item without a range keeps its parent's line. Must stay in step with walk (spec-cache.test.ts).
 */
function tableOf(doc: Document, lc: LineCounter, node: unknown, line: number, path: Set<unknown>): LineTable {
  if (isAlias(node)) node = node.resolve(doc);
  if (path.has(node)) throw new Error("recursive alias: no finite line table");
  if (isMap(node) && node.items.length > 0) {
    path.add(node);
    // No prototype: a "__proto__" key is an ordinary key here, as in the parsed document.
    const children: Record<string, LineTable> = Object.create(null);
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const key = keyString(pair.key);
      if (Object.hasOwn(children, key)) continue;
      const keyNode = pair.key as Node | null;
      children[key] = tableOf(doc, lc, pair.value, keyNode?.range ? lc.linePos(keyNode.range[0]).line : line, path);
    }
    path.delete(node);
    return [line, children];
  }
  if (isSeq(node) && node.items.length > 0) {
    path.add(node);
    const children = node.items.map((item) => {
      const range = (item as Node | null)?.range;
      return tableOf(doc, lc, item, range ? lc.linePos(range[0]).line : line, path);
    });
    path.delete(node);
    return [line, children];
  }
  return line;
}

function keyString(key: unknown): string {
  if (isScalar(key)) return String(key.value);
  return String(key);
}
