// Turns a case's RequestBody into bytes and a content type, deterministically (a recording must match its replay).
import { createHash } from "node:crypto";
import type { MultipartPart, RequestBody } from "../types.ts";

export interface SerializedBody {
  bytes: Uint8Array;
  contentType?: string;
}

function multipart(parts: MultipartPart[]): SerializedBody {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part.name).update(part.data);
  const boundary = `ekyc-conformance-${hash.digest("hex").slice(0, 24)}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = `form-data; name="${part.name}"${part.filename !== undefined ? `; filename="${part.filename}"` : ""}`;
    const head = `--${boundary}\r\nContent-Disposition: ${disposition}\r\n${part.contentType ? `Content-Type: ${part.contentType}\r\n` : ""}\r\n`;
    chunks.push(Buffer.from(head), Buffer.from(part.data), Buffer.from("\r\n"));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { bytes: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

export function serializeBody(body: RequestBody | undefined): SerializedBody {
  if (!body) return { bytes: new Uint8Array() };
  switch (body.kind) {
    case "json":
      return { bytes: Buffer.from(JSON.stringify(body.value) ?? "", "utf8"), contentType: "application/json" };
    case "raw":
      return { bytes: body.bytes, contentType: body.contentType };
    case "form":
      return {
        bytes: Buffer.from(new URLSearchParams(body.fields).toString()),
        contentType: "application/x-www-form-urlencoded",
      };
    case "multipart":
      return multipart(body.parts);
  }
}

export function buildPath(
  template: string,
  pathParams: Record<string, string> = {},
  query: Record<string, string> = {},
): string {
  const path = template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = pathParams[name];
    if (value === undefined) throw new Error(`path parameter ${name} is missing for ${template}`);
    return encodeURIComponent(value);
  });
  const search = new URLSearchParams(query).toString();
  return search ? `${path}?${search}` : path;
}
