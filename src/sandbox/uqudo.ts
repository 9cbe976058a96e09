// uqudo: OAuth client-credentials token server and the Face API (session, match, 1:N search,
// insert, delete). Errors are HTTP statuses; their bodies are undocumented, so the sandbox answers a
// small JSON object {error, message}.
import { bearerToken, verifyUqudoToken } from "../auth/uqudo.ts";
import { signJwt } from "../auth/jws.ts";
import { decodeBase64, isObject, jsonResponse, type Ctx, type SbRequest, type SbResponse } from "./handler-context.ts";
import { matchLevel } from "./imaging.ts";
import { matchPath } from "../openapi/semantics.ts";

export const UQUDO_SCOPE = "read write";
/** A stored face matches a 1:N search at this level or better. */
export const UQUDO_SEARCH_LEVEL = 3;

const REASON: Record<number, string> = {
  400: "Bad Request: Missing required input or invalid format",
  401: "Unauthorized: No valid access token has been provided",
  403: "Forbidden: Access token doesn't have permission to use the requested feature",
  404: "Not Found: oneToNVerificationId not found",
  413: "Payload Too Large: The uploaded image exceeds the max file size allowed of 5 MB",
  415: "Unsupported Media Type: Only JPEG and PNG are supported",
  500: "Internal Server Error: Unexpected error",
};

class Reject extends Error {
  constructor(
    readonly violation: string,
    readonly detail?: string,
  ) {
    super(violation);
  }
}

function errorBody(ctx: Ctx, opId: string, violation: string, detail?: string): SbResponse {
  const { status } = ctx.rules.reject(opId, violation);
  const [error, message] = (REASON[status] ?? `Error ${status}`).split(": ");
  return jsonResponse(
    status,
    { error, message: detail ? `${message ?? error} (${detail})` : (message ?? error) },
    {},
    opId,
  );
}

// ---------------------------------------------------------------- auth server

export async function handleUqudoAuth(req: SbRequest, ctx: Ctx): Promise<SbResponse> {
  if (req.path !== "/api/oauth/token")
    return jsonResponse(404, { error: "Not Found", message: `no uqudo auth API at ${req.path}` });
  if (req.method !== "POST")
    return jsonResponse(405, { error: "Method Not Allowed", message: "POST only" }, { allow: "POST" });
  const opId = "uqudo.oauthToken";
  const unauthorized = (violation: string) => {
    const { status } = ctx.rules.reject(opId, violation);
    return jsonResponse(status, { error: "unauthorized", message: "Invalid client id or client secret" }, {}, opId);
  };
  if (req.overflow) return unauthorized("malformed-body");
  if (!/^application\/x-www-form-urlencoded\b/i.test(req.headers["content-type"] ?? ""))
    return unauthorized("wrong-content-type");
  const form = new URLSearchParams(req.body.toString("utf8"));
  const grant = form.get("grant_type");
  if (grant === null) return unauthorized("missing:grant_type");
  if (grant !== "client_credentials") return unauthorized("out-of-range:grant_type");
  for (const f of ["client_id", "client_secret"]) {
    const v = form.get(f);
    if (v === null) return unauthorized(`missing:${f}`);
    if (v === "") return unauthorized(`empty:${f}`);
  }
  const { clientId, clientSecret } = ctx.credentials.uqudo;
  if (form.get("client_id") !== clientId || form.get("client_secret") !== clientSecret)
    return unauthorized("auth-invalid");
  const iat = Math.floor(ctx.now() / 1000);
  const expiresIn = ctx.secrets.uqudo.expiresIn;
  const jti = ctx.ids.uuid("uqudo.jti");
  const claims = { client_id: clientId, scope: UQUDO_SCOPE.split(" "), iat, exp: iat + expiresIn, jti };
  const token = signJwt(claims, ctx.secrets.uqudo.tokenSigningSecret, "HS256", { alg: "HS256", typ: "JWT" });
  return jsonResponse(
    200,
    { access_token: token, token_type: "bearer", expires_in: expiresIn, scope: UQUDO_SCOPE, jti },
    { "cache-control": "no-store" },
    opId,
  );
}

// ---------------------------------------------------------------- face API

export async function handleUqudo(req: SbRequest, ctx: Ctx): Promise<SbResponse> {
  // Every Face API call is secured; the token call (unsecured, on its own server) is handleUqudoAuth's.
  const ops = ctx.rules.route("uqudo", req.path).filter((o) => o.secured);
  const op = ops.find((o) => o.method === req.method) ?? ops[0];
  if (!op) return jsonResponse(404, { error: "Not Found", message: `no uqudo API at ${req.path}` });
  if (req.method !== op.method) {
    return jsonResponse(405, { error: "Method Not Allowed", message: `${op.method} only` }, { allow: op.method });
  }
  const opId = op.id;
  try {
    authenticate(req, ctx, opId);
    switch (op.operationId) {
      case "faceSession":
        return await faceSession(req, ctx, opId);
      case "faceMatch":
        return await faceMatch(req, ctx, opId);
      case "faceSearch":
        return await faceSearch(req, ctx, opId);
      case "faceSearchInsert":
        return await faceInsert(req, ctx, opId);
      case "faceSearchDelete":
        return faceDelete(matchPath(op.path, req.path)?.["oneToNVerificationId"] ?? "", ctx, opId);
      default:
        return jsonResponse(501, { error: "Not Implemented", message: `the sandbox does not implement ${opId}` });
    }
  } catch (error) {
    if (error instanceof Reject) return errorBody(ctx, opId, error.violation, error.detail);
    throw error;
  }
}

function authenticate(req: SbRequest, ctx: Ctx, opId: string): void {
  const header = req.headers["authorization"];
  if (header === undefined || header.trim() === "") throw new Reject("auth-missing");
  const token = bearerToken(header);
  if (!token) throw new Reject("auth-invalid");
  const check = verifyUqudoToken(token, ctx.secrets.uqudo.tokenSigningSecret, ctx.now());
  if (check.status === "invalid") throw new Reject("auth-invalid");
  if (check.status === "expired" && !ctx.flag("acceptExpiredToken", opId)) throw new Reject("auth-expired");
}

/** Size (413), then format (415), then decodability (400): the checks a gateway would do in that order. */
async function checkImage(bytes: Uint8Array, ctx: Ctx, opId: string, field: string): Promise<string> {
  const limits = ctx.rules.image(opId, field);
  if (bytes.length === 0) throw new Reject("image-empty", `${field} is empty`);
  const tooLarge = limits.exclusiveMaxBytes ? bytes.length >= limits.maxBytes : bytes.length > limits.maxBytes;
  if (tooLarge && !ctx.flag("acceptOversizedImage", opId))
    throw new Reject("image-too-large", `${field} has ${bytes.length} bytes`);
  const facts = await ctx.analyse(bytes);
  const supported = (limits.formats as string[]).includes(facts.format);
  if (!supported && facts.format !== "unknown" && !ctx.flag("acceptUnsupportedMedia", opId)) {
    throw new Reject("image-format", `${field} is ${facts.format}`);
  }
  if (!facts.decodable) throw new Reject("image-undecodable", `${field} cannot be decoded`);
  return facts.perceptualHash;
}

function jsonBody(req: SbRequest): Record<string, unknown> {
  if (req.overflow) throw new Reject("image-too-large", "request body too large");
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(req.headers["content-type"] ?? ""))
    throw new Reject("wrong-content-type");
  let value: unknown;
  try {
    value = JSON.parse(req.body.toString("utf8"));
  } catch {
    throw new Reject("malformed-body", "body is not JSON");
  }
  if (!isObject(value)) throw new Reject("malformed-body", "body is not a JSON object");
  return value;
}

function base64Field(body: Record<string, unknown>, field: string): Buffer {
  const v = body[field];
  if (v === undefined || v === null) throw new Reject(`missing:${field}`, `${field} is required`);
  if (typeof v !== "string") throw new Reject(`wrong-type:${field}`, `${field} must be a Base64 string`);
  if (v === "") throw new Reject(`empty:${field}`, `${field} is empty`);
  const bytes = decodeBase64(v);
  if (!bytes) throw new Reject(`wrong-type:${field}`, `${field} is not Base64`);
  return bytes;
}

async function faceSession(req: SbRequest, ctx: Ctx, opId: string): Promise<SbResponse> {
  if (req.overflow) throw new Reject("image-too-large", "request body too large");
  const type = req.headers["content-type"] ?? "";
  if (!/^multipart\/form-data\b/i.test(type)) throw new Reject("wrong-content-type");
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(req.body), { headers: { "content-type": type } }).formData();
  } catch {
    throw new Reject("malformed-body", "multipart body does not parse");
  }
  const part = form.get("idPhoto");
  if (part === null) throw new Reject("missing:idPhoto", "idPhoto is required");
  if (typeof part === "string") throw new Reject("wrong-type:idPhoto", "idPhoto must be a file part");
  const bytes = new Uint8Array(await part.arrayBuffer());
  const hash = await checkImage(bytes, ctx, opId, "idPhoto");
  const sessionId = ctx.ids.uuid("uqudo.session");
  ctx.state.uqudoSessions.set(sessionId, { hash, createdAt: ctx.now() });
  return jsonResponse(201, { sessionId }, {}, opId);
}

async function faceMatch(req: SbRequest, ctx: Ctx, opId: string): Promise<SbResponse> {
  const body = jsonBody(req);
  const source = base64Field(body, "sourceImage");
  const target = base64Field(body, "targetImage");
  let minimum = 3;
  const m = body["minimumMatchLevel"];
  if (m !== undefined && m !== null) {
    const lax = ctx.flag("acceptInvalidMatchLevel", opId);
    if (typeof m !== "number" || !Number.isInteger(m)) {
      if (!lax) throw new Reject("wrong-type:minimumMatchLevel", "minimumMatchLevel must be an integer");
    } else if (m < 1 || m > 5) {
      if (!lax) throw new Reject("out-of-range:minimumMatchLevel", "minimumMatchLevel must be 1..5");
    } else {
      minimum = m;
    }
  }
  const a = await checkImage(source, ctx, opId, "sourceImage");
  const b = await checkImage(target, ctx, opId, "targetImage");
  const level = matchLevel(a, b);
  return jsonResponse(200, { match: level >= minimum, matchLevel: level }, {}, opId);
}

async function faceSearch(req: SbRequest, ctx: Ctx, opId: string): Promise<SbResponse> {
  const body = jsonBody(req);
  const photo = base64Field(body, "idPhoto");
  const insert = body["insert"];
  if (insert !== undefined && insert !== null && typeof insert !== "boolean")
    throw new Reject("wrong-type:insert", "insert must be a boolean");
  const hash = await checkImage(photo, ctx, opId, "idPhoto");
  let best: { id: string; level: number } | undefined;
  for (const [id, face] of ctx.state.uqudoFaces) {
    const level = matchLevel(hash, face.hash);
    if (level >= UQUDO_SEARCH_LEVEL && (!best || level > best.level)) best = { id, level };
  }
  if (best) return jsonResponse(200, { oneToNVerificationId: best.id, oneToNVerificationMatch: true }, {}, opId);
  if (insert === true)
    return jsonResponse(200, { oneToNVerificationId: store(ctx, hash), oneToNVerificationMatch: false }, {}, opId);
  return jsonResponse(200, { oneToNVerificationMatch: false }, {}, opId);
}

async function faceInsert(req: SbRequest, ctx: Ctx, opId: string): Promise<SbResponse> {
  const body = jsonBody(req);
  const hash = await checkImage(base64Field(body, "idPhoto"), ctx, opId, "idPhoto");
  return jsonResponse(200, { oneToNVerificationId: store(ctx, hash) }, {}, opId);
}

function store(ctx: Ctx, hash: string): string {
  const id = ctx.ids.uuid("uqudo.oneToN");
  ctx.state.uqudoFaces.set(id, { hash, imageStored: true });
  return id;
}

/** Deletes the selfie; the features (and id) persist for search, as documented. A second delete is 404. */
function faceDelete(id: string, ctx: Ctx, opId: string): SbResponse {
  const face = ctx.state.uqudoFaces.get(id);
  if (!face || !face.imageStored) throw new Reject("unknown-id", "oneToNVerificationId not found");
  if (!ctx.flag("deleteNoop", opId)) face.imageStored = false;
  return { status: 204, headers: {}, operation: opId };
}
