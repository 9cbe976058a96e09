// The sandbox's ZOLOZ gateway against models of the three public ZOLOZ clients (shell, Python, Node): what each
// sends, byte for byte, and how each decrypts and verifies, for the probe, enroll, unenroll (twice: the second is
// an INVALID_ARGUMENT with its message on the wire) and a request signed with a key the gateway does not know.
import { generateKeyPairSync, type KeyObject } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { sandboxSecrets } from "../credentials.ts";
import { startSandbox, type Sandbox } from "../server.ts";
import { faceImage } from "../testing/clients.ts";
import { runNodeClient } from "./node-client.ts";
import { pyB64decode, runPythonClient } from "./python-client.ts";
import { parseHeader, runShellClient, urlsafeDecode } from "./shell-client.ts";
import { bashPrintf, curlHeaderFile, exactHeader, rsaPkcs1Decrypt, type RawRequest } from "./wire.ts";

type Client = "shell" | "python" | "node";
type Mode = "plain" | "encrypted";
type Call = "probe" | "enroll" | "unenroll" | "unenroll-again" | "wrong-key";

const keys = sandboxSecrets().keys;
const PROBE = { title: "hello", description: "just for demonstration." };
const PATHS: Record<Call, string> = {
  probe: "/api/v1/zoloz/authentication/test",
  enroll: "/api/v1/zoloz/connect/enroll",
  unenroll: "/api/v1/zoloz/connect/unenroll",
  "unenroll-again": "/api/v1/zoloz/connect/unenroll",
  "wrong-key": "/api/v1/zoloz/authentication/test",
};

const RSA_FAIL = "RSA_padding_check_PKCS1_type_2:pkcs decoding error";
// The wrong key's failure depends on the random wrapped bytes: bad padding, or a value above the wrong key's modulus.
const rsaFailure = (message: string): string =>
  /pkcs decoding error|data too large for modulus/.test(message) ? RSA_FAIL : message;

/** What each client ends up with, as the table in the closing note shows it. */
const EXPECTED: Record<Client, Record<Mode, Record<Call, string>>> = {
  shell: {
    plain: {
      probe: "echo, verified",
      enroll: "SUCCESS, verified",
      unenroll: "SUCCESS, verified",
      "unenroll-again": "INVALID_ARGUMENT, verified",
      "wrong-key": "SIGNATURE_INVALID, verified",
    },
    // The SIGNATURE_INVALID answer is encrypted to the registered merchant key (deviation zoloz-encrypted-error-responses):
    // a client holding the wrong private key verifies ZOLOZ's signature but cannot unwrap the response key.
    encrypted: {
      probe: "echo, verified",
      enroll: "SUCCESS, verified",
      unenroll: "SUCCESS, verified",
      "unenroll-again": "INVALID_ARGUMENT, verified",
      "wrong-key": `verified, no output (${RSA_FAIL})`,
    },
  },
  // zoloz.py never verifies; in plain mode it sends an empty body (its own bug), which any gateway answers MSG_PARSE_ERROR.
  python: {
    plain: {
      probe: "MSG_PARSE_ERROR",
      enroll: "MSG_PARSE_ERROR",
      unenroll: "MSG_PARSE_ERROR",
      "unenroll-again": "MSG_PARSE_ERROR",
      "wrong-key": "SIGNATURE_INVALID",
    },
    encrypted: {
      probe: "echo",
      enroll: "SUCCESS",
      unenroll: "SUCCESS",
      "unenroll-again": "INVALID_ARGUMENT",
      "wrong-key": "SIGNATURE_INVALID",
    },
  },
  node: {
    plain: {
      probe: "echo, verified",
      enroll: "SUCCESS, verified",
      unenroll: "SUCCESS, verified",
      "unenroll-again": "INVALID_ARGUMENT, verified",
      "wrong-key": "SIGNATURE_INVALID, verified",
    },
    encrypted: {
      probe: "echo, verified",
      enroll: "SUCCESS, verified",
      unenroll: "SUCCESS, verified",
      "unenroll-again": "INVALID_ARGUMENT, verified",
      "wrong-key": `null (${RSA_FAIL})`,
    },
  },
};

let sandbox: Sandbox;
let stranger: KeyObject;
let image: string;
beforeAll(async () => {
  sandbox = await startSandbox();
  stranger = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
  image = (await faceImage(7)).toString("base64");
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.setMutation(null));

/** `date +%F'T'%T%z` / strftime / the Node client's formatter, on a machine in UTC. */
function requestTime(d = new Date()): string {
  return `${d.toISOString().slice(0, 19)}+0000`;
}

function bodyFor(call: Call, user: string): Record<string, string> {
  if (call === "probe" || call === "wrong-key") return PROBE;
  if (call === "enroll") return { bizId: `biz-${user}`, userId: user, base64ImageContent: image };
  return { bizId: `biz-${user}`, userId: user };
}

/** "echo" when the probe body came back, else the resultCode; anything else verbatim. */
function summarise(json: unknown): string {
  if (typeof json !== "object" || json === null) return `not JSON: ${String(json).slice(0, 60)}`;
  const r = json as { result?: { resultCode?: string }; title?: string };
  if (r.result?.resultCode) return r.result.resultCode;
  return r.title === PROBE.title ? "echo" : JSON.stringify(json).slice(0, 60);
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

interface Outcome {
  summary: string;
  request: RawRequest;
}

async function run(
  client: Client,
  mode: Mode,
  call: Call,
  user: string,
  base = sandbox.baseUrls.zoloz,
): Promise<Outcome> {
  const encrypted = mode === "encrypted";
  const merchantPrivateKey = call === "wrong-key" ? stranger : keys.merchantPrivate;
  const clientId = sandbox.credentials.zoloz.clientId;
  const data = JSON.stringify(bodyFor(call, user));
  if (client === "shell") {
    const r = await runShellClient({
      host: base,
      apiPath: PATHS[call],
      clientId,
      merchantPrivateKey,
      zolozPublicKey: keys.platformPublic,
      data,
      encrypt: encrypted,
      requestTime: requestTime(),
    });
    if (r.exit !== 0) return { summary: `exit ${r.exit}`, request: r.request };
    return {
      summary:
        r.stdout === ""
          ? `verified, no output (${rsaFailure(r.stderr.trim())})`
          : `${summarise(parse(r.stdout))}, verified`,
      request: r.request,
    };
  }
  if (client === "python") {
    const api = PATHS[call].slice("/api/".length).replace(/\//g, ".");
    const r = await runPythonClient({
      serverUrl: base,
      api,
      merchantId: clientId,
      merchantPrivateKey,
      serverPublicKey: keys.platformPublic,
      request: data,
      encrypted,
      requestTime: requestTime(),
    });
    return {
      summary: "returned" in r.result ? summarise(parse(r.result.returned)) : `raised ${r.result.raised}`,
      request: r.request,
    };
  }
  const r = await runNodeClient({
    hostURL: base,
    apiName: PATHS[call],
    clientID: clientId,
    merchantPrivateKey,
    openAPIPublicKey: keys.platformPublic,
    request: bodyFor(call, user),
    encrypted,
    formattedTime: requestTime(),
  });
  return {
    summary: r.returned === null ? `null (${rsaFailure(r.failure ?? "")})` : `${summarise(r.returned)}, verified`,
    request: r.request,
  };
}

const CALLS: Call[] = ["probe", "enroll", "unenroll", "unenroll-again", "wrong-key"];

describe("ZOLOZ clients against the sandbox", () => {
  for (const client of ["shell", "python", "node"] as const) {
    for (const mode of ["plain", "encrypted"] as const) {
      it(`${client}, ${mode}: probe, enroll, unenroll, unenroll again, wrong key`, async () => {
        const seen: Partial<Record<Call, string>> = {};
        for (const call of CALLS) seen[call] = (await run(client, mode, call, `${client}-${mode}`)).summary;
        expect(seen).toEqual(EXPECTED[client][mode]);
      });
    }
  }
});

describe("what each client sends, byte for byte", () => {
  const header = (req: RawRequest, name: string) => req.headers.find(([k]) => k === name)?.[1] ?? "";
  const escapes = (value: string) => value.match(/%[0-9A-Fa-f]{2}/g) ?? [];

  it("zoloz.sh: lower-case percent-encoding, AES-128 key, text/plain without charset, body as printf leaves it", async () => {
    const plain = (await run("shell", "plain", "probe", "bytes")).request;
    expect(plain.body.toString()).toBe(JSON.stringify(PROBE));
    expect(header(plain, "Content-Type")).toBe("application/json; charset=UTF-8");
    expect(header(plain, "Request-Time")).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000$/);
    const sig = header(plain, "Signature");
    expect(sig).toMatch(/^algorithm=RSA256, signature=[A-Za-z0-9.~_%-]+$/);
    expect(escapes(sig).length).toBeGreaterThan(0);
    expect(escapes(sig).every((e) => e === e.toLowerCase())).toBe(true);
    const enc = (await run("shell", "encrypted", "probe", "bytes")).request;
    expect(header(enc, "Content-Type")).toBe("text/plain");
    const wrapped = Buffer.from(urlsafeDecode(header(enc, "Encrypt").split("symmetricKey=")[1]!), "base64");
    expect(rsaOpen(wrapped).length).toBe(16);
    expect(enc.body.toString()).toMatch(/^[A-Za-z0-9+/]+=*$/);
  });

  it("zoloz.py: upper-case percent-encoding with / encoded, 16 ASCII key characters, and an empty plain body", async () => {
    const plain = (await run("python", "plain", "probe", "bytes")).request;
    expect(plain.body.length).toBe(0);
    const enc = (await run("python", "encrypted", "probe", "bytes")).request;
    expect(enc.headers.map(([k]) => k).slice(-5)).toEqual([
      "Encrypt",
      "Content-Type",
      "Signature",
      "Client-Id",
      "Request-Time",
    ]);
    for (const value of [
      header(enc, "Signature").split("signature=")[1]!,
      header(enc, "Encrypt").split("symmetricKey=")[1]!,
    ]) {
      expect(value).not.toMatch(/[+/=]/);
      expect(escapes(value).every((e) => e === e.toUpperCase())).toBe(true);
    }
    const key = keyOf(header(enc, "Encrypt"));
    expect(key.toString("latin1")).toMatch(/^[ABCDEFGHJKMNPQRSTWXYZabcdefhijkmnprstwxyz2345678]{16}$/);
    expect(pyB64decode(enc.body.toString()).length % 16).toBe(0);
  });

  it("Node client: querystring.escape (upper-case), AES-256 key, JSON.stringify body", async () => {
    const plain = (await run("node", "plain", "probe", "bytes")).request;
    expect(plain.body.toString()).toBe(JSON.stringify(PROBE));
    const enc = (await run("node", "encrypted", "probe", "bytes")).request;
    expect(header(enc, "Content-Type")).toBe("text/plain; charset=UTF-8");
    expect(keyOf(header(enc, "Encrypt")).length).toBe(32);
    expect(escapes(header(enc, "Signature")).every((e) => e === e.toUpperCase())).toBe(true);
  });
});

describe("the sandbox's wire form", () => {
  it("HTTP 200, compact JSON without a trailing newline, percent-encoded signature, lower-case header names by default", async () => {
    const r = await runShellClient({
      host: sandbox.baseUrls.zoloz,
      apiPath: PATHS["unenroll-again"],
      clientId: sandbox.credentials.zoloz.clientId,
      merchantPrivateKey: keys.merchantPrivate,
      zolozPublicKey: keys.platformPublic,
      data: JSON.stringify({ bizId: "b", userId: "nobody" }),
      encrypt: false,
      requestTime: requestTime(),
    });
    expect(r.response.status).toBe(200);
    const text = r.response.body.toString();
    expect(text).toBe(JSON.stringify(JSON.parse(text)));
    expect(text).not.toMatch(/[\\%]|inferred/);
    expect(bashPrintf(text)).toBe(text);
    const file = curlHeaderFile(r.response);
    expect(parseHeader(file, "signature", "signature")).toMatch(/^[A-Za-z0-9%]+$/);
    // node:http's own Date/Connection/Keep-Alive keep their case; zoloz.sh never reads them.
    const zolozHeaders = r.response.headers
      .map(([k]) => k)
      .filter((k) => /^(content-type|signature|response-time|encrypt)$/i.test(k));
    expect(zolozHeaders.sort()).toEqual(["content-type", "response-time", "signature"]);
    expect(exactHeader(r.response, "Signature")).toBeUndefined();
  });

  it("zolozHeaderCase canonical serves ZOLOZ's Java SDK (Signature, Response-Time, Encrypt) and breaks zoloz.sh", async () => {
    const canonical = await startSandbox({ zolozHeaderCase: "canonical" });
    try {
      const shell = await runShellClient({
        host: canonical.baseUrls.zoloz,
        apiPath: PATHS.probe,
        clientId: canonical.credentials.zoloz.clientId,
        merchantPrivateKey: keys.merchantPrivate,
        zolozPublicKey: keys.platformPublic,
        data: JSON.stringify(PROBE),
        encrypt: true,
        requestTime: requestTime(),
      });
      expect(shell.exit).toBe(4);
      for (const name of ["Signature", "Response-Time", "Encrypt", "Content-Type"])
        expect(exactHeader(shell.response, name), name).toBeDefined();
      const node = await run("node", "encrypted", "probe", "canon", canonical.baseUrls.zoloz);
      expect(node.summary).toBe("echo, verified");
    } finally {
      await canonical.close();
    }
  });
});

describe("the client models fail when the sandbox breaks the protocol", () => {
  it("a bad response signature: zoloz.sh exits 4, the Node client returns null", async () => {
    sandbox.setMutation("zoloz-bad-response-signature");
    expect((await run("shell", "plain", "probe", "broken")).summary).toBe("exit 4");
    expect((await run("node", "encrypted", "probe", "broken")).summary).toBe("null (signature verification failed!)");
  });

  it("a plain answer to an encrypted request: zoloz.py raises, the Node client finds no symmetricKey", async () => {
    sandbox.setMutation("zoloz-plain-response-to-encrypted");
    expect((await run("python", "encrypted", "probe", "broken")).summary).toMatch(/^raised /);
    expect((await run("node", "encrypted", "probe", "broken")).summary).toBe("null (symmetricKey not found)");
  });

  it("a % in an echoed body breaks zoloz.sh's verification (its printf), so wire messages must carry none", async () => {
    const r = await runShellClient({
      host: sandbox.baseUrls.zoloz,
      apiPath: PATHS.probe,
      clientId: sandbox.credentials.zoloz.clientId,
      merchantPrivateKey: keys.merchantPrivate,
      zolozPublicKey: keys.platformPublic,
      data: '{"a":"50%%d"}',
      encrypt: false,
      requestTime: requestTime(),
    });
    expect(r.response.body.toString()).toBe('{"a":"50%d"}');
    expect(r.exit).toBe(4);
  });
});

function keyOf(encryptHeader: string): Buffer {
  return rsaOpen(Buffer.from(decodeURIComponent(encryptHeader.split("symmetricKey=")[1]!), "base64"));
}

/** The request key is wrapped to the platform key; the sandbox's private half opens it. */
function rsaOpen(wrapped: Buffer): Buffer {
  return rsaPkcs1Decrypt(keys.platformPrivate, wrapped);
}
