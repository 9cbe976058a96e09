// Response "shape": the set of JSON pointers seen in a body, each with the JSON types seen there.
// Array indexes collapse to `/*` so a longer list is not drift, only a new field or a new type is.

export type JsonType = "object" | "array" | "string" | "number" | "boolean" | "null";
/** Pointer → sorted set of types seen at it. */
export type Shape = Map<string, Set<JsonType>>;

const escapeToken = (key: string): string => key.replace(/~/g, "~0").replace(/\//g, "~1");

function typeOf(value: unknown): JsonType {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  const t = typeof value;
  // Integers and fractions are both JSON numbers; distinguishing them would flag 1 → 1.5 as a retype.
  return t === "string" || t === "number" || t === "boolean" ? t : "object";
}

/** Adds the shape of `value` into `into` (or a new shape). */
export function shapeOf(value: unknown, into: Shape = new Map(), pointer = ""): Shape {
  const type = typeOf(value);
  let set = into.get(pointer);
  if (!set) into.set(pointer, (set = new Set()));
  set.add(type);
  if (type === "array") for (const item of value as unknown[]) shapeOf(item, into, `${pointer}/*`);
  else if (type === "object")
    for (const [k, v] of Object.entries(value as Record<string, unknown>))
      shapeOf(v, into, `${pointer}/${escapeToken(k)}`);
  return into;
}

/** Shape of a redacted body text, or undefined when it is absent, truncated or not JSON. */
export function shapeOfBody(body: string | undefined, truncated?: boolean): Shape | undefined {
  if (body === undefined || body === "" || truncated) return undefined;
  try {
    return shapeOf(JSON.parse(body));
  } catch {
    return undefined;
  }
}

export const typesText = (types: Set<JsonType> | undefined): string => [...(types ?? [])].sort().join("|");
