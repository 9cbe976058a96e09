import { isHeaderFinding, schemaFindings } from "./schema_findings.ts";
import { finding, type Check } from "./types.ts";

export const responseHeadersConformance: Check = {
  name: "response_headers_conformance",
  rule: "Every documented response header is present and well-formed.",
  appliesTo: (context) => context.operation.statuses.includes(context.exchange.response.status),
  run(context) {
    return schemaFindings(context)
      .filter(isHeaderFinding)
      .map((f) =>
        finding(this, context, {
          message: `${f.pointer.slice("/headers/".length) || "headers"}: ${f.message}`,
          pointer: f.pointer,
          schemaFindings: [f],
          rule: { text: this.rule, docUrl: context.operation.docPage.url, specPointer: f.specPointer },
          ...(f.expected !== undefined ? { expected: f.expected } : {}),
          ...(f.actual !== undefined ? { actual: f.actual } : {}),
        }),
      );
  },
};
