// ZOLOZ gateway (public/private-key mode) with Connect enroll/unenroll and the echo probe. Every
// request signature is verified with the merchant public key; every response, errors included, is
// signed with the platform private key; an RSA_AES request gets an RSA_AES response.
import { decryptZolozEnvelope, encryptZolozBody, signZolozResponse, verifyZolozRequest, type ZolozRequestVerification } from "../auth/zoloz.ts";
import { decodeBase64, isObject, serialise, type Ctx, type SbRequest, type SbResponse } from "./context.ts";
import { OPERATIONS, type Outcome } from "./rules.ts";

export const ZOLOZ_BIZ_ID_MAX = 32;
export const ZOLOZ_USER_ID_MAX = 64;

class Reject extends Error {
  constructor(readonly violation: string, readonly detail?: string) {
    super(violation);
  }
}

interface Exchange {
  opId: string;
  /** Path the response is signed over: the one the request signature verified with. */
  signPath: string;
  clientId: string;
  encrypted: boolean;
}

export async function handleZoloz(req: SbRequest, ctx: Ctx): Promise<SbResponse> {
  if (!req.path.startsWith("/api/")) return { status: 404, headers: { "content-type": "text/plain" }, body: Buffer.from("Not Found") };
  if (req.method !== "POST") {
    return { status: 405, headers: { "content-type": "text/plain", allow: "POST" }, body: Buffer.from("Method Not Allowed: only POST is accepted") };
  }
  const op = OPERATIONS.find((o) => o.vendor === "zoloz" && o.path === req.path);
  const ex: Exchange = { opId: op ? `zoloz.${op.key}` : "zoloz.unknown", signPath: req.rawPath, clientId: req.headers["client-id"] ?? "", encrypted: false };
  try {
    // An over-cap body was discarded, so its signature cannot be checked: answer it as unparsable.
    if (req.overflow) throw new Reject("malformed-body");
    const verification = verify(req, ctx, ex);
    if (!op) return reply(ctx, ex, { status: 200, code: "NO_INTERFACE_DEF" }, {});
    if (verification) throw verification;
    const body = parseBody(req, ctx, ex);
    switch (op.key) {
      case "connectEnroll":
        return await enroll(body, ctx, ex);
      case "connectUnenroll":
        return unenroll(body, ctx, ex);
      default:
        // The probe echoes the accepted body, without a result envelope (specs/zoloz.yaml).
        return sealed(ctx, ex, 200, body);
    }
  } catch (error) {
    if (error instanceof Reject) {
      // An unknown Client-Id is MERCHANT_NOT_FOUND (documented common code); the rest comes from the spec.
      const outcome = error.violation === "client-id-unknown" ? { status: 200, code: "MERCHANT_NOT_FOUND" } : ctx.rules.reject(ex.opId, error.violation);
      return reply(ctx, ex, outcome, {});
    }
    throw error;
  }
}

/** Returns the rejection to answer, or undefined when the request is authentic. Sets ex.signPath. */
function verify(req: SbRequest, ctx: Ctx, ex: Exchange): Reject | undefined {
  const { credentials, secrets } = ctx;
  const check = (path: string): ZolozRequestVerification =>
    verifyZolozRequest({
      path,
      headers: req.headers,
      body: req.body,
      publicKey: (id) => (id === credentials.zoloz.clientId ? secrets.keys.merchantPublic : undefined),
    });
  // The SDKs sign the vendor path (/api/v1/...); a client unaware of the sandbox prefix may sign the
  // path it sent (/zoloz/api/v1/...). Either is accepted and the response is signed over the same one.
  // Unverifiable requests are answered over the URI as received, like a gateway that cannot know better.
  let result = check(req.path);
  if (result.status === "valid") ex.signPath = req.path;
  if (result.status !== "valid" && req.rawPath !== req.path) {
    const alt = check(req.rawPath);
    if (alt.status === "valid") {
      ex.signPath = req.rawPath;
      result = alt;
    }
  }
  if (result.status === "valid") return undefined;
  if (ctx.flag("acceptUnsignedRequest", ex.opId)) return undefined;
  if (result.problem === "client-id-unknown") return new Reject("client-id-unknown");
  return new Reject(result.status === "missing" ? "auth-missing" : "auth-invalid", result.detail);
}

function parseBody(req: SbRequest, ctx: Ctx, ex: Exchange): Record<string, unknown> {
  if (req.overflow) throw new Reject("malformed-body");
  let text: string;
  const encrypt = req.headers["encrypt"];
  if (encrypt !== undefined) {
    try {
      text = decryptZolozEnvelope(req.body, encrypt, ctx.secrets.keys.platformPrivate).json;
    } catch {
      throw new Reject("malformed-body");
    }
    ex.encrypted = true;
  } else {
    if (!/^application\/json\b/i.test(req.headers["content-type"] ?? "")) throw new Reject("wrong-content-type");
    text = req.body.toString("utf8");
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Reject("malformed-body");
  }
  if (!isObject(value)) throw new Reject("malformed-body");
  return value;
}

function requireString(body: Record<string, unknown>, field: string, max: number | undefined, ctx: Ctx, opId: string): string {
  const v = body[field];
  if (v === undefined || v === null) throw new Reject(`missing:${field}`);
  if (typeof v !== "string") throw new Reject(`wrong-type:${field}`);
  if (v === "") throw new Reject(`empty:${field}`);
  if (max !== undefined && v.length > max && !ctx.flag("skipLengthCheck", opId)) throw new Reject(`too-long:${field}`);
  return v;
}

async function enroll(body: Record<string, unknown>, ctx: Ctx, ex: Exchange): Promise<SbResponse> {
  const bizId = requireString(body, "bizId", ZOLOZ_BIZ_ID_MAX, ctx, ex.opId);
  const userId = requireString(body, "userId", ZOLOZ_USER_ID_MAX, ctx, ex.opId);
  const content = requireString(body, "base64ImageContent", undefined, ctx, ex.opId);
  const bytes = decodeBase64(content);
  if (!bytes) throw new Reject("image-undecodable");
  const limits = ctx.rules.image(ex.opId, "base64ImageContent");
  if (bytes.length === 0) throw new Reject("image-empty");
  if (limits.exclusiveMaxBytes ? bytes.length >= limits.maxBytes : bytes.length > limits.maxBytes) throw new Reject("image-too-large");
  const facts = await ctx.analyse(bytes);
  if (facts.format === "unknown") throw new Reject("image-undecodable");
  if (!(limits.formats as string[]).includes(facts.format)) throw new Reject("image-format");
  if (!facts.decodable) throw new Reject("image-undecodable");
  if (facts.uniform) throw new Reject("image-no-face");
  const transactionId = ctx.ids.zolozTransactionId(ctx.now());
  ctx.state.zolozUsers.set(userId, { bizId, hash: facts.perceptualHash, transactionId });
  return reply(ctx, ex, { status: 200, code: "SUCCESS" }, { transactionId });
}

function unenroll(body: Record<string, unknown>, ctx: Ctx, ex: Exchange): SbResponse {
  requireString(body, "bizId", ZOLOZ_BIZ_ID_MAX, ctx, ex.opId);
  const userId = requireString(body, "userId", ZOLOZ_USER_ID_MAX, ctx, ex.opId);
  if (!ctx.state.zolozUsers.has(userId)) throw new Reject("unknown-id");
  ctx.state.zolozUsers.delete(userId);
  return reply(ctx, ex, { status: 200, code: "SUCCESS" }, { transactionId: ctx.ids.zolozTransactionId(ctx.now()) });
}

function reply(ctx: Ctx, ex: Exchange, outcome: Outcome, extra: Record<string, unknown>): SbResponse {
  const code = outcome.code ?? "SYSTEM_ERROR";
  const result = {
    resultStatus: ctx.rules.zolozStatus(ex.opId, code),
    resultCode: code,
    resultMessage: outcome.message ?? (code === "SUCCESS" ? "Success" : ctx.rules.codeMessage(ex.opId, code)),
  };
  return sealed(ctx, ex, outcome.status, { result, ...extra });
}

function sealed(ctx: Ctx, ex: Exchange, status: number, json: unknown): SbResponse {
  const res: SbResponse = { status, headers: {}, json, operation: ex.opId };
  res.seal = (r) => {
    const wire = serialise(r);
    let encryptHeader: string | undefined;
    if (ex.encrypted && !ctx.flag("plainResponseToEncrypted", ex.opId)) {
      // AES key from the id sequence keeps the ciphertext reproducible; the RSA wrapping is randomised.
      const aesKey = Buffer.from(ctx.ids.next("zoloz.aes").slice(0, 64), "hex");
      const enc = encryptZolozBody(wire.body.toString("utf8"), ctx.secrets.keys.merchantPublic, { aesKey });
      wire.body = Buffer.from(enc.body, "utf8");
      encryptHeader = enc.encryptHeader;
    }
    const signed = signZolozResponse({
      path: ex.signPath,
      clientId: ex.clientId,
      body: wire.body,
      privateKey: ctx.secrets.keys.platformPrivate,
      now: new Date(ctx.now()),
      ...(encryptHeader !== undefined ? { encryptHeader } : {}),
    });
    // Mutations may have set their own content type; keep it, otherwise use the signed defaults.
    wire.headers = { ...signed, ...r.headers };
    return wire;
  };
  return res;
}
