// ADVANCE.AI: token API and the IDVS H5 face-authentication enroll / get-enroll / delete-enroll and
// customer-profile APIs. Business errors are HTTP 200 envelopes (see specs/advance.yaml).
import {
  advanceSignature,
  ADVANCE_PERIOD_DEFAULT,
  ADVANCE_PERIOD_MAX,
  ADVANCE_PERIOD_MIN,
  verifyAdvanceToken,
} from "../auth/advance.ts";
import { signJwt } from "../auth/jws.ts";
import { decodeBase64, isObject, jsonResponse, type Ctx, type SbRequest, type SbResponse } from "./handler-context.ts";
import { ISO3166_ALPHA3_SET } from "../iso3166.ts";
import type { Outcome } from "./rules.ts";

/** The documented 5-image cap of get-enroll; enrolling a 6th image evicts the oldest. */
export const ADVANCE_IMAGE_CAP = 5;
/** Token timestamps further than this from the sandbox clock are refused ("Timestamp error"). */
export const ADVANCE_TIMESTAMP_WINDOW_MS = 300_000;

class Reject extends Error {
  constructor(readonly violation: string) {
    super(violation);
  }
}

export async function handleAdvance(req: SbRequest, ctx: Ctx): Promise<SbResponse> {
  const ops = ctx.rules.route("advance", req.path);
  const op = ops.find((o) => o.method === req.method);
  if (ops.length === 0) return jsonResponse(404, { error: "Not Found", message: `no ADVANCE API at ${req.path}` });
  if (!op) {
    const allow = ops.map((o) => o.method).join(", ");
    return jsonResponse(405, { error: "Method Not Allowed", message: `${req.path} accepts ${allow} only` }, { allow });
  }
  const opId = op.id;
  try {
    if (op.operationId === "generateToken") return await generateToken(req, ctx, opId);
    authenticate(req, ctx, opId);
    switch (op.operationId) {
      case "enroll":
        return await enroll(req, ctx, opId);
      case "getEnroll":
        return getEnroll(req, ctx, opId);
      case "deleteEnroll":
        return deleteEnroll(req, ctx, opId);
      case "getLatestSessionResult":
        return latestSession(req, ctx, opId);
      default:
        return jsonResponse(501, { error: "Not Implemented", message: `the sandbox does not implement ${opId}` });
    }
  } catch (error) {
    if (error instanceof Reject) return envelope(ctx, opId, ctx.rules.reject(opId, error.violation), null);
    throw error;
  }
}

export function envelope(ctx: Ctx, opId: string, outcome: Outcome, data: unknown): SbResponse {
  const code = outcome.code ?? "ERROR";
  const json = {
    code,
    message: outcome.message ?? ctx.rules.codeMessage(opId, code),
    data,
    extra: null,
    transactionId: ctx.ids.advanceTransactionId(),
    pricingStrategy: "FREE",
  };
  return jsonResponse(outcome.status, json, {}, opId);
}

function success(ctx: Ctx, opId: string, data: unknown): SbResponse {
  return envelope(ctx, opId, { status: 200, code: "SUCCESS" }, data);
}

function authenticate(req: SbRequest, ctx: Ctx, opId: string): void {
  const token = req.headers["x-access-token"];
  if (token === undefined || token.trim() === "") throw new Reject("auth-missing");
  const check = verifyAdvanceToken(token.trim(), ctx.secrets.advance.tokenSigningSecret, ctx.now());
  if (check.status === "invalid") throw new Reject("auth-invalid");
  if (check.status === "expired" && !ctx.flag("acceptExpiredToken", opId)) throw new Reject("auth-expired");
}

function jsonBody(req: SbRequest, ctx: Ctx, opId: string): Record<string, unknown> {
  if (req.overflow) throw new Reject("malformed-body");
  const type = req.headers["content-type"] ?? "";
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(type.trim()) && ctx.rules.documents(opId, "wrong-content-type")) {
    throw new Reject("wrong-content-type");
  }
  let value: unknown;
  try {
    value = JSON.parse(req.body.toString("utf8"));
  } catch {
    throw new Reject("malformed-body");
  }
  if (!isObject(value)) throw new Reject("malformed-body");
  return value;
}

/** Field present, non-empty string; otherwise the matching violation. */
function requireString(body: Record<string, unknown>, field: string): string {
  const v = body[field];
  if (v === undefined || v === null) throw new Reject(`missing:${field}`);
  if (typeof v !== "string") throw new Reject(`wrong-type:${field}`);
  if (v.trim() === "") throw new Reject(`empty:${field}`);
  return v;
}

/** An integer given as a JSON number or a digit string (the docs type it string, the examples send numbers). */
function integerLike(v: unknown): number | undefined {
  if (typeof v === "number" && Number.isSafeInteger(v)) return v;
  if (typeof v === "string" && /^-?\d{1,16}$/.test(v.trim())) return Number(v.trim());
  return undefined;
}

// ---------------------------------------------------------------- token

async function generateToken(req: SbRequest, ctx: Ctx, opId: string): Promise<SbResponse> {
  const body = jsonBody(req, ctx, opId);
  for (const f of ["accessKey", "timestamp", "signature"]) {
    const v = body[f];
    if (v === undefined || v === null) throw new Reject(`missing:${f}`);
    if (v === "") throw new Reject(`empty:${f}`);
  }
  if (typeof body["accessKey"] !== "string") throw new Reject("wrong-type:accessKey");
  if (typeof body["signature"] !== "string") throw new Reject("wrong-type:signature");
  const rawTimestamp = body["timestamp"];
  const timestamp = integerLike(rawTimestamp);
  if (timestamp === undefined) throw new Reject("wrong-type:timestamp");
  if (Math.abs(ctx.now() - timestamp) > ADVANCE_TIMESTAMP_WINDOW_MS) throw new Reject("out-of-range:timestamp");
  const accessKey = body["accessKey"];
  if (accessKey !== ctx.credentials.advance.accessKey) {
    const iam = ctx.rules.info(opId)?.businessCodes.find((c) => c.code === "IAM_FAILED");
    const message = iam?.messages.find((m) => /access key not found/i.test(m)) ?? "Access Key not found";
    return envelope(ctx, opId, { status: 200, code: "IAM_FAILED", message }, null);
  }
  // The signature covers the timestamp exactly as sent (string or number).
  const expected = advanceSignature(accessKey, ctx.credentials.advance.secretKey, String(rawTimestamp).trim());
  if (body["signature"].trim().toLowerCase() !== expected) throw new Reject("auth-invalid");
  let period = ADVANCE_PERIOD_DEFAULT;
  if (body["periodSecond"] !== undefined && body["periodSecond"] !== null && body["periodSecond"] !== "") {
    const p = integerLike(body["periodSecond"]);
    if (p === undefined) throw new Reject("wrong-type:periodSecond");
    if (p < ADVANCE_PERIOD_MIN || p > ADVANCE_PERIOD_MAX) throw new Reject("out-of-range:periodSecond");
    period = p;
  }
  const iat = Math.floor(ctx.now() / 1000);
  const exp = iat + period;
  const claims = { iss: "h5_liveness", aud: "WEB", sub: accessKey, iat, exp, jti: ctx.ids.uuid("advance.jti") };
  const token = signJwt(claims, ctx.secrets.advance.tokenSigningSecret, "HS512", { alg: "HS512" });
  return success(ctx, opId, { token, expiredTime: exp * 1000 });
}

// ---------------------------------------------------------------- face authentication

async function enroll(req: SbRequest, ctx: Ctx, opId: string): Promise<SbResponse> {
  const body = jsonBody(req, ctx, opId);
  const userId = requireString(body, "userId");
  const region = body["region"];
  if (region === undefined || region === null) throw new Reject("missing:region");
  if (typeof region !== "string") throw new Reject("wrong-type:region");
  if (region.trim() === "") throw new Reject("empty:region");
  if (!ISO3166_ALPHA3_SET.has(region) && !ctx.flag("skipRegionCheck", opId)) throw new Reject("region-invalid");
  const faceImage = requireString(body, "faceImage");

  let bytes: Buffer;
  let url: string | undefined;
  if (/^https?:\/\//i.test(faceImage.trim())) {
    url = faceImage.trim();
    const stored = localImage(url, ctx);
    if (!stored) throw new Reject("image-unreachable");
    bytes = stored;
  } else {
    const decoded = decodeBase64(faceImage);
    if (!decoded) throw new Reject("image-undecodable");
    bytes = decoded;
  }
  await checkImage(bytes, ctx, opId, "faceImage");

  const imageUrl = url ?? `${ctx.origin}/__images/${ctx.state.putImage(bytes, contentTypeOf(bytes))}`;
  const user = ctx.state.advanceUsers.get(userId) ?? { region, imageUrls: [], signatureId: "", enrolledAt: 0 };
  user.region = region;
  user.imageUrls.push(imageUrl);
  while (user.imageUrls.length > ADVANCE_IMAGE_CAP) user.imageUrls.shift();
  user.signatureId = ctx.ids.next("advance.signature").slice(0, 16);
  user.enrolledAt = ctx.now();
  ctx.state.advanceUsers.set(userId, user);
  return success(ctx, opId, null);
}

/** Image rules in the documented order: empty, size, format, decodability, dimensions, face. */
async function checkImage(bytes: Buffer, ctx: Ctx, opId: string, field: string): Promise<void> {
  const limits = ctx.rules.image(opId, field);
  if (bytes.length === 0) throw new Reject("image-empty");
  const tooLarge = limits.exclusiveMaxBytes ? bytes.length >= limits.maxBytes : bytes.length > limits.maxBytes;
  if (tooLarge && !ctx.flag("acceptOversizedImage", opId)) throw new Reject("image-too-large");
  const facts = await ctx.analyse(bytes);
  if (facts.format === "unknown") throw new Reject("image-undecodable");
  if (!(limits.formats as string[]).includes(facts.format)) throw new Reject("image-format");
  if (!facts.decodable) throw new Reject("image-undecodable");
  const { width: w, height: h } = facts;
  if (
    (limits.minWidth !== undefined && w < limits.minWidth) ||
    (limits.minHeight !== undefined && h < limits.minHeight) ||
    (limits.maxWidth !== undefined && w > limits.maxWidth) ||
    (limits.maxHeight !== undefined && h > limits.maxHeight)
  ) {
    throw new Reject("image-dimensions");
  }
  if (facts.uniform) throw new Reject("image-no-face");
}

/** Only images served by this sandbox can be "downloaded"; the sandbox never fetches other hosts. */
function localImage(url: string, ctx: Ctx): Buffer | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const own = new URL(ctx.origin);
  const local = ["127.0.0.1", "localhost", "[::1]", own.hostname];
  if (!local.includes(parsed.hostname) || parsed.port !== own.port) return undefined;
  const m = /^\/__images\/([0-9a-f]+)$/.exec(parsed.pathname);
  return m ? ctx.state.images.get(m[1]!)?.bytes : undefined;
}

function contentTypeOf(bytes: Buffer): string {
  return bytes[0] === 0x89 ? "image/png" : "image/jpeg";
}

function getEnroll(req: SbRequest, ctx: Ctx, opId: string): SbResponse {
  const userId = requireString(jsonBody(req, ctx, opId), "userId");
  const user = ctx.state.advanceUsers.get(userId);
  if (!user) throw new Reject("unknown-id");
  return success(ctx, opId, { userId, imageUrlList: [...user.imageUrls] });
}

function deleteEnroll(req: SbRequest, ctx: Ctx, opId: string): SbResponse {
  const userId = requireString(jsonBody(req, ctx, opId), "userId");
  if (!ctx.state.advanceUsers.has(userId)) throw new Reject("unknown-id");
  if (!ctx.flag("deleteNoop", opId)) ctx.state.advanceUsers.delete(userId);
  return success(ctx, opId, null);
}

function latestSession(req: SbRequest, ctx: Ctx, opId: string): SbResponse {
  const userId = req.query.get("userId");
  if (userId === null) throw new Reject("missing:userId");
  if (userId.trim() === "") throw new Reject("empty:userId");
  const solutionCode = req.query.get("solutionCode");
  // The codes the spec documents (x-known-values); the sandbox knows no others.
  const known = ctx.rules.info(opId)?.knownValues["solutionCode"]?.values ?? [];
  if (solutionCode !== null && !known.includes(solutionCode)) throw new Reject("out-of-range:solutionCode");
  const user = ctx.state.advanceUsers.get(userId);
  if (!user) throw new Reject("unknown-id");
  // An enrolled user has an established, active profile whose latest face session passed.
  return success(ctx, opId, {
    profileStatus: "ACTIVE",
    result: {
      signatureId: user.signatureId,
      overallResult: "PASS",
      idvResult: "PASS",
      errorCode: "SUCCESS",
      errorCodes: [],
      faceDetail: { faceResult: "PASS" },
      docDetail: null,
      inputParameters: { userId, region: user.region },
      countryCodeIso3: user.region,
    },
  });
}
