// lineOf/nearestLineOf answered from a LineTable (yaml-source.ts builds it from the YAML node tree), so a spec-cache
// hit answers them without parsing the YAML (see spec-cache.ts).
import { parsePointer } from "./pointer.ts";
import type { LineTable, YamlSource } from "./yaml-source.ts";

/** The same walk as yaml-source.ts's over the node tree: deepest existing prefix, and whether it is the pointer. */
export function locate(table: LineTable, segments: string[]): { line: number; exact: boolean } {
  let node = table;
  for (const seg of segments) {
    if (typeof node === "number") return { line: node, exact: false };
    const [line, children] = node;
    let next: LineTable | undefined;
    if (Array.isArray(children)) {
      // Like `items[Number(seg)]` on the node tree: "01" names item 1 there too.
      if (/^\d+$/.test(seg)) next = children[Number(seg)];
    } else if (Object.hasOwn(children, seg)) {
      next = children[seg];
    }
    if (next === undefined) return { line, exact: false };
    node = next;
  }
  return { line: typeof node === "number" ? node : node[0], exact: true };
}

/** A YamlSource answered from a table (a spec-cache hit): same answers as the parsed source it was built from. */
export function tableSource(file: string, raw: Record<string, unknown>, table: LineTable): YamlSource {
  return {
    file,
    raw,
    lineOf: (p) => {
      const hit = locate(table, parsePointer(p));
      return hit.exact ? hit.line : undefined;
    },
    nearestLineOf: (p) => locate(table, parsePointer(p)).line,
    lineTable: () => table,
  };
}
