import { isHeaderFinding, schemaFindings } from "./schema_findings.ts";
import { finding, type Check } from "./types.ts";

export const responseSchemaConformance: Check = {
  name: "response_schema_conformance",
  wfc: 101,
  rule: "The response body validates against the schema documented for its status.",
  appliesTo: (context) =>
    context.operation.statuses.includes(context.exchange.response.status) &&
    context.exchange.response.parseError === undefined,
  run(context) {
    return schemaFindings(context)
      .filter((f) => !isHeaderFinding(f) && f.keyword !== "status")
      .map((f) =>
        finding(this, context, {
          message: `${f.pointer || "/"}: ${f.message}`,
          pointer: f.pointer,
          schemaFindings: [f],
          rule: { text: this.rule, docUrl: context.operation.docPage.url, specPointer: f.specPointer },
          ...(f.expected !== undefined ? { expected: f.expected } : {}),
          ...(f.actual !== undefined ? { actual: f.actual } : {}),
        }),
      );
  },
};
