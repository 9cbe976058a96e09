// Resolves a case's input into a RequestSpec: images rendered, ids generated, captured values filled in.
import { deriveFromPhoto, derivesFromPhoto, renderImage, UnderivableImage } from "../images/index.ts";
import { encodeTransport } from "../images/transport.ts";
import type { MultipartPart, RequestSpec } from "../types.ts";
import { defaultRequest } from "./defaults.ts";
import type { CaseInput, ImageRef, InputValue } from "./types.ts";

export interface BuildContext {
  /** A fresh id with the run prefix, so it never collides with a real user. */
  newId(kind: "userId" | "bizId" | "unknownId", length?: number): string;
  captured: Map<string, unknown>;
  /** Serves image bytes at an http URL the target can fetch (ADVANCE `faceImage` as URL). */
  imageUrl(bytes: Uint8Array, mime: string): Promise<string>;
  /** The user's real face photo for live runs: every face image is derived from it, if configured. */
  realFace?: Uint8Array;
  /** A photo of a second person: the second person a case's images name is derived from it. */
  otherFace?: Uint8Array;
  /**
   * The case's meaning rests on who is in its images (a declared face case): one photo is one person, so a request
   * that asks for two different people needs the second photo.
   */
  identityMatters?: boolean;
  /** An image was sent as this Base64 spelling: the redactor need not scan and hash it again (Redactor.knownPayload). */
  encoded?(value: string, bytes: Uint8Array): void;
}

/** What one request has resolved so far: the synthetic subjects its derived faces stand for, in order of appearance. */
type RequestState = BuildContext & { subjects: number[] };

const isImageRef = (v: unknown): v is ImageRef => typeof v === "object" && v !== null && "$image" in v;
const isGenerated = (v: unknown): v is { $generate: "userId" | "bizId" | "unknownId"; length?: number } =>
  typeof v === "object" && v !== null && "$generate" in v;
const isCaptured = (v: unknown): v is { $captured: string } => typeof v === "object" && v !== null && "$captured" in v;

const MIME: Record<string, string> = {
  jpeg: "image/jpeg",
  png: "image/png",
  gif: "image/gif",
  webp: "image/webp",
  bmp: "image/bmp",
  pdf: "application/pdf",
  text: "text/plain",
  empty: "application/octet-stream",
};

async function resolveImage(ref: ImageRef, context: RequestState): Promise<{ bytes: Uint8Array; mime: string }> {
  const description = ref.$image;
  const mime = MIME[description.format] ?? "application/octet-stream";
  // Live vendors run real face detection: every face is the user's photo, made into what the case describes.
  if (!context.realFace || !derivesFromPhoto(description)) return { bytes: await renderImage(description), mime };
  const subject = description.subject ?? 0;
  if (!context.subjects.includes(subject)) context.subjects.push(subject);
  // Where identity matters, the first person a request names is the photo's and the second the other photo's.
  const person = context.identityMatters ? context.subjects.indexOf(subject) : 0;
  const photo = [context.realFace, context.otherFace][person];
  if (!photo) {
    throw new UnderivableImage(
      person === 1
        ? "needs faces of two different people in one request; CONFORMANCE_FACE_IMAGE is one person (set CONFORMANCE_OTHER_FACE_IMAGE to a photo of someone else)"
        : `needs faces of ${person + 1} different people in one request; the kit takes two photos`,
    );
  }
  return { bytes: await deriveFromPhoto(photo, description), mime };
}

async function resolveValue(value: InputValue, context: RequestState): Promise<unknown> {
  if (isImageRef(value)) {
    const { bytes, mime } = await resolveImage(value, context);
    const transport = value.transport ?? "base64";
    if (transport === "url") return context.imageUrl(bytes, mime);
    if (transport === "multipart")
      return {
        $part: { bytes, mime, filename: `photo.${value.$image.format === "jpeg" ? "jpg" : value.$image.format}` },
      };
    const encoded = encodeTransport(bytes, transport).value;
    context.encoded?.(encoded, bytes);
    return encoded;
  }
  if (isGenerated(value)) return context.newId(value.$generate, value.length);
  if (isCaptured(value)) {
    if (!context.captured.has(value.$captured)) throw new Error(`flow value ${value.$captured} was never captured`);
    return context.captured.get(value.$captured);
  }
  if (Array.isArray(value)) return Promise.all(value.map((v) => resolveValue(v, context)));
  return value;
}

async function resolveRecord(
  record: Record<string, InputValue> | undefined,
  context: RequestState,
): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record ?? {})) out[key] = await resolveValue(value, context);
  return out;
}

export async function buildRequest(
  operationId: string,
  input: CaseInput = {},
  build: BuildContext,
): Promise<RequestSpec> {
  const context: RequestState = { ...build, subjects: [] };
  const base = defaultRequest(operationId);
  const isQuery = base.encoding === "none" && base.query !== undefined;
  const fields = { ...(isQuery ? base.query : base.body), ...(input.set ?? {}) };
  for (const name of input.omit ?? []) delete fields[name];
  const resolved = await resolveRecord(fields, context);
  const request: RequestSpec = {
    operationId,
    ...(input.auth ? { auth: input.auth } : {}),
    ...(input.headers ? { headers: input.headers } : {}),
  };
  const pathParams = await resolveRecord({ ...base.pathParams, ...input.pathParams }, context);
  if (Object.keys(pathParams).length > 0)
    request.pathParams = Object.fromEntries(Object.entries(pathParams).map(([k, v]) => [k, String(v)]));
  if (input.raw) {
    const bytes =
      input.raw.base64 !== undefined
        ? Buffer.from(input.raw.base64, "base64")
        : Buffer.from(input.raw.text ?? "", "utf8");
    request.body = { kind: "raw", bytes, contentType: input.raw.contentType };
    return request;
  }
  if (isQuery) {
    request.query = Object.fromEntries(
      Object.entries(resolved).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]),
    );
    return request;
  }
  switch (base.encoding) {
    case "json":
      request.body = { kind: "json", value: resolved };
      break;
    case "form":
      request.body = {
        kind: "form",
        fields: Object.fromEntries(Object.entries(resolved).map(([k, v]) => [k, String(v)])),
      };
      break;
    case "multipart": {
      const parts: MultipartPart[] = Object.entries(resolved).map(([name, v]) => {
        const part = (v as { $part?: { bytes: Uint8Array; mime: string; filename: string } })?.$part;
        return part
          ? { name, filename: part.filename, contentType: part.mime, data: part.bytes }
          : { name, data: typeof v === "string" ? v : JSON.stringify(v) };
      });
      request.body = { kind: "multipart", parts };
      break;
    }
    case "none":
      break;
  }
  return request;
}
