// ZOLOZ gateway (public/private-key mode) with Connect enroll/unenroll and the echo probe. Every
// request signature is verified with the merchant public key; every response, errors included, is
// signed with the platform private key over the vendor path; an RSA_AES request whose key could be
// unwrapped gets an RSA_AES response under that same key (deviation zoloz-encrypted-error-responses).
import {
  decryptZolozBodyWithKey,
  encryptZolozBody,
  signZolozResponse,
  unwrapZolozKey,
  verifyZolozRequest,
} from "../auth/zoloz.ts";
import { decodeBase64, isObject, serialise, type Ctx, type SbRequest, type SbResponse } from "./handler-context.ts";
import type { Outcome } from "./rules.ts";

export const ZOLOZ_BIZ_ID_MAX = 32;
export const ZOLOZ_USER_ID_MAX = 64;

class Reject extends Error {
  constructor(
    readonly violation: string,
    readonly detail?: string,
  ) {
    super(violation);
  }
}

interface Exchange {
  opId: string;
  /** The vendor path (/api/v1/...): the response is signed over it, whatever prefix the sandbox has. */
  path: string;
  clientId: string;
  /** The request's AES key, once unwrapped: the response is encrypted with it. */
  aesKey?: Buffer;
}

export async function handleZoloz(req: SbRequest, ctx: Ctx): Promise<SbResponse> {
  if (!req.path.startsWith("/api/"))
    return { status: 404, headers: { "content-type": "text/plain" }, body: Buffer.from("Not Found") };
  if (req.method !== "POST") {
    return {
      status: 405,
      headers: { "content-type": "text/plain", allow: "POST" },
      body: Buffer.from("Method Not Allowed: only POST is accepted"),
    };
  }
  const op = ctx.rules.route("zoloz", req.path).find((o) => o.method === "POST");
  const ex: Exchange = { opId: op ? op.id : "zoloz.unknown", path: req.path, clientId: req.headers["client-id"] ?? "" };
  try {
    // An over-cap body was discarded, so its signature cannot be checked: answer it as unparsable.
    if (req.overflow) throw new Reject("malformed-body");
    const verification = verify(req, ctx, ex.opId);
    // Unwrapped before any verdict so that errors, SIGNATURE_INVALID included, come back encrypted too;
    // without a known merchant there is no key to wrap the answer to, so it stays plain.
    const encrypt = req.headers["encrypt"];
    const knownClient = verification?.violation !== "client-id-unknown";
    let unwrapFailed = false;
    if (encrypt !== undefined && knownClient) {
      try {
        ex.aesKey = unwrapZolozKey(encrypt, ctx.secrets.keys.platformPrivate);
      } catch {
        unwrapFailed = true;
      }
    }
    if (!op) return reply(ctx, ex, { status: 200, code: "NO_INTERFACE_DEF" }, {});
    if (verification) throw verification;
    if (unwrapFailed) throw new Reject("malformed-body");
    const body = parseBody(req, ex);
    switch (op.operationId) {
      case "connectEnroll":
        return await enroll(body, ctx, ex);
      case "connectUnenroll":
        return unenroll(body, ctx, ex);
      case "authenticationTest":
        // The probe echoes the accepted body, without a result envelope (specs/zoloz.yaml).
        return sealed(ctx, ex, 200, body);
      default:
        return reply(ctx, ex, { status: 200, code: "NO_INTERFACE_DEF" }, {});
    }
  } catch (error) {
    if (error instanceof Reject) {
      // An unknown Client-Id is MERCHANT_NOT_FOUND (documented common code); the rest comes from the spec.
      const outcome =
        error.violation === "client-id-unknown"
          ? { status: 200, code: "MERCHANT_NOT_FOUND" }
          : ctx.rules.reject(ex.opId, error.violation);
      return reply(ctx, ex, outcome, {});
    }
    throw error;
  }
}

/** Returns the rejection to answer, or undefined when the request is authentic. */
function verify(req: SbRequest, ctx: Ctx, opId: string): Reject | undefined {
  const { credentials, secrets } = ctx;
  // Signed over the vendor path (/api/v1/...), as every ZOLOZ client signs it, whatever the mount prefix.
  const result = verifyZolozRequest({
    path: req.path,
    headers: req.headers,
    body: req.body,
    publicKey: (id) => (id === credentials.zoloz.clientId ? secrets.keys.merchantPublic : undefined),
  });
  if (result.status === "valid") return undefined;
  if (ctx.flag("acceptUnsignedRequest", opId)) return undefined;
  if (result.problem === "client-id-unknown") return new Reject("client-id-unknown");
  return new Reject(result.status === "missing" ? "auth-missing" : "auth-invalid", result.detail);
}

function parseBody(req: SbRequest, ex: Exchange): Record<string, unknown> {
  let text: string;
  if (ex.aesKey !== undefined) {
    try {
      text = decryptZolozBodyWithKey(req.body, ex.aesKey);
    } catch {
      throw new Reject("malformed-body");
    }
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

function requireString(
  body: Record<string, unknown>,
  field: string,
  max: number | undefined,
  ctx: Ctx,
  opId: string,
): string {
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
  if (limits.exclusiveMaxBytes ? bytes.length >= limits.maxBytes : bytes.length > limits.maxBytes)
    throw new Reject("image-too-large");
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
    if (ex.aesKey !== undefined && !ctx.flag("plainResponseToEncrypted", ex.opId)) {
      // The request's own key: the one response key every ZOLOZ client reads (zoloz.sh decrypts with
      // AES-128 only, zoloz.py with its request key, the Node client with AES-256 from the header).
      const enc = encryptZolozBody(wire.body.toString("utf8"), ctx.secrets.keys.merchantPublic, { aesKey: ex.aesKey });
      wire.body = Buffer.from(enc.body, "utf8");
      encryptHeader = enc.encryptHeader;
    }
    const signed = signZolozResponse({
      path: ex.path,
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

/**
 * Header-name casing of ZOLOZ answers. HTTP/1.1 names are case-insensitive, but clients are not: zoloz.sh greps
 * `signature:`, `response-time:`, `content-type:` and `encrypt:` (lower case), ZOLOZ's Java SDK looks up `Signature`,
 * `Response-Time` and `Encrypt`. No casing serves both, so it is a sandbox option (docs/sandbox.md).
 */
export type ZolozHeaderCase = "lower" | "canonical";

export function caseZolozHeaders(headers: Record<string, string>, style: ZolozHeaderCase): Record<string, string> {
  if (style === "lower") return headers;
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers))
    out[name.replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase())] = value;
  return out;
}
