import { isHeaderFinding, schemaFindings } from "./schema_findings.ts";
import { finding, type Check } from "./types.ts";

export const responseHeadersConformance: Check = {
  name: "response_headers_conformance",
  rule: "Every documented response header is present and well-formed.",
  appliesTo: (context) => context.operation.statuses.includes(context.exchange.response.status),
  run(context) {
    const { request, response } = context.exchange;
    // ZOLOZ x-encryption: an encrypted request (Encrypt header) gets an encrypted response.
    const encrypted = context.operation.vendor === "zoloz" && response.headers["encrypt"] !== undefined;
    const plainAnswer =
      context.operation.vendor === "zoloz" && request.headers["encrypt"] !== undefined && !encrypted
        ? [
            finding(this, context, {
              message: "Encrypt: an encrypted request was answered in plain text",
              pointer: "/headers/encrypt",
              expected: "algorithm=RSA_AES, symmetricKey=…",
              actual: null,
            }),
          ]
        : [];
    const documented = schemaFindings(context)
      .filter(isHeaderFinding)
      // An encrypted message is text/plain (x-encryption.contentType): content_type_conformance judges that one.
      .filter((f) => !(encrypted && f.pointer === "/headers/content-type"))
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
    return [...plainAnswer, ...documented];
  },
};
