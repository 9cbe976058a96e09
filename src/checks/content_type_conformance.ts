import { ZOLOZ_ENCRYPTED_CONTENT_TYPE } from "../auth/zoloz.ts";
import { finding, type Check } from "./types.ts";

interface MediaType {
  essence: string;
  charset?: string;
}

export function parseMediaType(value: string): MediaType | undefined {
  const [essence, ...params] = value.split(";").map((part) => part.trim());
  if (!essence || !/^[\w.+-]+\/[\w.+*-]+$/.test(essence)) return undefined;
  const charsetParam = params.find((p) => /^charset=/i.test(p));
  const charset = charsetParam?.slice("charset=".length).replace(/^"|"$/g, "").toLowerCase();
  return { essence: essence.toLowerCase(), ...(charset ? { charset } : {}) };
}

export const contentTypeConformance: Check = {
  name: "content_type_conformance",
  rule: "The response carries the documented media type (and charset where the documentation names one).",
  appliesTo: (context) => context.operation.statuses.includes(context.exchange.response.status),
  run(context) {
    const { response } = context.exchange;
    // An encrypted ZOLOZ message (Encrypt header) is documented as text/plain; charset=UTF-8 (x-encryption.contentType).
    const encrypted = context.operation.vendor === "zoloz" && response.headers["encrypt"] !== undefined;
    const documented = encrypted
      ? [ZOLOZ_ENCRYPTED_CONTENT_TYPE]
      : (context.operation.responseMediaTypes[response.status] ?? []).filter((m) => m !== "");
    if (documented.length === 0) return [];
    const header = response.headers["content-type"];
    if (header === undefined) {
      if (response.body.length === 0) return [];
      return [
        finding(this, context, { message: "Content-Type header is missing", expected: documented, actual: null }),
      ];
    }
    const actual = parseMediaType(header);
    if (!actual)
      return [
        finding(this, context, {
          message: `Content-Type ${JSON.stringify(header)} does not parse as a media type`,
          expected: documented,
          actual: header,
        }),
      ];
    const matches = documented
      .map(parseMediaType)
      .filter((m): m is MediaType => m !== undefined && m.essence === actual.essence);
    if (matches.length === 0) {
      return [
        finding(this, context, {
          message: `Content-Type ${actual.essence} is not documented for HTTP ${response.status} (documented: ${documented.join(", ")})`,
          expected: documented,
          actual: header,
        }),
      ];
    }
    const wantedCharset = matches.find((m) => m.charset)?.charset;
    if (wantedCharset && actual.charset !== wantedCharset) {
      return [
        finding(this, context, {
          message: `charset ${actual.charset ?? "(none)"} differs from the documented ${wantedCharset}`,
          expected: wantedCharset,
          actual: actual.charset ?? null,
        }),
      ];
    }
    if (!wantedCharset && actual.charset && actual.charset !== "utf-8" && actual.essence.endsWith("json")) {
      return [
        finding(this, context, {
          severity: "warning",
          message: `JSON declared in charset ${actual.charset}; JSON is UTF-8 (RFC 8259)`,
          expected: "utf-8",
          actual: actual.charset,
        }),
      ];
    }
    if (actual.essence.endsWith("json") && response.parseError !== undefined) {
      return [
        finding(this, context, {
          message: `body is declared JSON but does not parse: ${response.parseError}`,
          expected: "JSON",
          actual: response.parseError,
        }),
      ];
    }
    return [];
  },
};
