// Client side (the proxy): the app's request against the operation's request schema and parameters in the spec —
// required headers, lengths, ranges (minimumMatchLevel 1–5), patterns (region, Request-Time) all live there.
import { finding, type Check } from "./types.ts";

const PARAMETER = /^\/(headers|query|path)(\/|$)/;

export const requestSchemaConformance: Check = {
  name: "request_schema_conformance",
  wfc: 101,
  rule: "The app's request matches the documented request: required headers and parameters, body schema (types, lengths, ranges, patterns).",
  appliesTo: (context) => context.client !== undefined,
  run(context) {
    const client = context.client!;
    const headers = context.exchange.request.headers;
    // An encrypted body the proxy could not read is judged by its parameters only.
    const found = context.spec
      .validateRequest(context.operation.id, {
        headers,
        query: client.query,
        pathParams: client.pathParams,
        ...(client.bodyUnreadable ? {} : { body: client.body }),
      })
      .filter((f) => !client.bodyUnreadable || PARAMETER.test(f.pointer));
    return found.map((f) =>
      finding(this, context, {
        message: `request ${f.pointer || "/"}: ${f.message}`,
        pointer: f.pointer,
        schemaFindings: [f],
        rule: { text: this.rule, docUrl: context.operation.docPage.url, specPointer: f.specPointer },
        ...(f.expected !== undefined ? { expected: f.expected } : {}),
        ...(f.actual !== undefined ? { actual: f.actual } : {}),
      }),
    );
  },
};
