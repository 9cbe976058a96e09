// Which documented operation an app's request is: same method, and the path ends with the operation's template
// (so an app whose base URL carries a prefix, e.g. the sandbox's /advance, is still recognised).
import type { OperationInfo } from "../openapi/types.ts";

export interface Identified {
  operation: OperationInfo;
  pathParams: Record<string, string>;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export function identify(operations: readonly OperationInfo[], method: string, url: string): Identified | undefined {
  const path = url.split("?")[0]!;
  // Longest template first, so /api/v1/face/match is never taken for /api/v1/face.
  for (const operation of [...operations].sort((a, b) => b.path.length - a.path.length)) {
    if (operation.method !== method) continue;
    const names: string[] = [];
    const pattern = operation.path
      .split(/(\{[^}]+\})/)
      .map((part) => {
        const m = /^\{([^}]+)\}$/.exec(part);
        if (!m) return escape(part);
        names.push(m[1]!);
        return "([^/]+)";
      })
      .join("");
    const hit = new RegExp(`${pattern}$`).exec(path);
    if (hit) return { operation, pathParams: Object.fromEntries(names.map((name, i) => [name, decoded(hit[i + 1]!)])) };
  }
  return undefined;
}

function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
