// The documented examples of one media type of an operation (request or response), collected for examples().
import { deref } from "./resolve.ts";
import { escapeSegment } from "./pointer.ts";
import { isObj, type Obj } from "./json.ts";
import type { SpecContext } from "./spec-context.ts";
import type { DocPage, DocumentedExample } from "./types.ts";

export function collectExamples(
  s: SpecContext,
  media: Obj,
  mPtr: string,
  id: string,
  code: string,
  mediaType: string,
  opPage: DocPage,
): void {
  // request examples carry status 0 and go to a separate list, so examples() stays "responses only"
  const status = /^\d+$/.test(code) ? Number(code) : 0;
  const into = code === "request" ? s.requestExamples : s.examples;
  const add = (name: string, ex: Obj, value: unknown, ptr: string) => {
    const page = ex["x-doc-page"];
    if (page !== undefined) s.page(page, `${ptr}/x-doc-page`, `example "${name}"`);
    const dev = ex["x-deviation"];
    if (dev !== undefined && (typeof dev !== "string" || !s.hasDeviation(dev))) {
      s.fail(
        `${ptr}/x-deviation`,
        `example "${name}" names deviation ${JSON.stringify(dev)}, which is not in x-doc-deviations`,
        "add the deviation or fix its id",
      );
    }
    const doc: DocumentedExample = {
      operationId: id,
      status,
      mediaType,
      name,
      value,
      specPointer: s.specPointer(ptr),
      specLine: s.src.lineOf(ptr),
    };
    doc.docPage = typeof page === "string" ? page : opPage.id;
    if (typeof dev === "string") doc.deviation = dev;
    into.push(doc);
  };
  if (media.example !== undefined) add("example", media, media.example, `${mPtr}/example`);
  if (media.examples !== undefined) {
    if (!isObj(media.examples))
      s.fail(`${mPtr}/examples`, "examples is not a mapping", "map example name → {value, x-doc-page}");
    for (const [name, e] of Object.entries(media.examples)) {
      const { node, ptr } = deref(s, e, `${mPtr}/examples/${escapeSegment(name)}`);
      if (!isObj(node) || !("value" in node))
        s.fail(ptr, `example "${name}" has no value`, "put the documented body under `value:`");
      // x-doc-page / x-deviation may sit on the referencing object or on the component example
      const merged = isObj(e) && "$ref" in e ? { ...node, ...e } : node;
      add(name, merged, node.value, ptr);
    }
  }
}
