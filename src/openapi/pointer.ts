// RFC 6901 JSON pointers, as used for spec locations and instance paths.

export function escapeSegment(s: string): string {
  return s.replace(/~/g, "~0").replace(/\//g, "~1");
}

export function unescapeSegment(s: string): string {
  return s.replace(/~1/g, "/").replace(/~0/g, "~");
}

export function toPointer(segments: readonly (string | number)[]): string {
  return segments.map((s) => "/" + escapeSegment(String(s))).join("");
}

/** "" → [], "/a/b~1c" → ["a", "b/c"]. Accepts a leading "#". */
export function parsePointer(pointer: string): string[] {
  const p = pointer.startsWith("#") ? pointer.slice(1) : pointer;
  if (p === "") return [];
  return p.slice(1).split("/").map(unescapeSegment);
}

export function getAt(root: unknown, segments: readonly string[]): unknown {
  let node: unknown = root;
  for (const seg of segments) {
    if (Array.isArray(node)) node = node[Number(seg)];
    else if (node !== null && typeof node === "object") node = (node as Record<string, unknown>)[seg];
    else return undefined;
    if (node === undefined) return undefined;
  }
  return node;
}
