// A small client standing in for a user's app: it calls each vendor as the vendor documents, signing with node:crypto
// on its own (not through the kit's transport), so the proxy is judged against traffic the kit did not produce.
import { createHash } from "node:crypto";
import { PassThrough } from "node:stream";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { renderImage } from "../../src/images/index.ts";
import { runProxyCommand, type ProxyCommandOptions } from "../../src/cli/proxy-run.ts";
import type { RunResults } from "../../src/results/model.ts";
import { zolozSignature } from "../../src/checks/testing/request.ts";
import type { KeyObject } from "node:crypto";

export interface Started {
  url: string;
  ready: Record<string, any>;
  out: string;
  stderr: () => string;
  /** The command's exit code once it ends by itself (--max-requests). */
  finished: Promise<number>;
  /** Stops the proxy (as Ctrl+C does) and resolves with its exit code and results.json. */
  stop(): Promise<{ code: number; results: RunResults }>;
}

/** `ekyc-conformance proxy --json --out <tmp> …` in process, stopped by an abort signal instead of Ctrl+C. */
export async function startProxyCommand(
  options: Omit<ProxyCommandOptions, "out" | "json" | "stdout" | "stderr" | "signal">,
): Promise<Started> {
  const out = mkdtempSync(join(tmpdir(), "proxy-test-"));
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let err = "";
  stderr.on("data", (d: Buffer) => (err += d.toString()));
  const abort = new AbortController();
  const firstLine = new Promise<string>((resolve) => {
    let text = "";
    stdout.on("data", (d: Buffer) => {
      text += d.toString();
      if (text.includes("\n")) resolve(text.split("\n")[0]!);
    });
  });
  const done = runProxyCommand({ ...options, out, json: true, stdout, stderr, signal: abort.signal });
  const line = await Promise.race([
    firstLine,
    done.then((code) => Promise.reject(new Error(`proxy exited ${code}: ${err}`))),
  ]);
  const ready = JSON.parse(line) as Record<string, any>;
  return {
    url: ready["url"] as string,
    ready,
    out,
    stderr: () => err,
    finished: done,
    async stop() {
      abort.abort();
      const code = await done;
      return { code, results: JSON.parse(readFileSync(join(out, "results.json"), "utf8")) as RunResults };
    },
  };
}

const json = (value: unknown) => JSON.stringify(value);
export const face = async (subject = 0, extra: Partial<Parameters<typeof renderImage>[0]> = {}) =>
  Buffer.from(await renderImage({ format: "jpeg", width: 512, height: 512, subject, ...extra })).toString("base64");
export const requestTime = (date = new Date()) => `${date.toISOString().slice(0, 19)}+0000`;

export async function post(
  url: string,
  headers: Record<string, string>,
  body: string,
): Promise<{ status: number; headers: Headers; body: Buffer }> {
  const res = await fetch(url, { method: "POST", headers, body });
  return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
}

/** ADVANCE: a token (signature = sha256(accessKey + secretKey + timestamp)), then the business call with it. */
export async function advanceApp(
  proxy: string,
  credentials: { accessKey: string; secretKey: string },
  enrollImage: string,
) {
  const timestamp = Date.now();
  const signature = createHash("sha256")
    .update(`${credentials.accessKey}${credentials.secretKey}${timestamp}`)
    .digest("hex");
  const token = await post(
    `${proxy}/openapi/auth/ticket/v1/generate-token`,
    { "content-type": "application/json" },
    json({ accessKey: credentials.accessKey, timestamp, signature, periodSecond: 3600 }),
  );
  const accessToken = (JSON.parse(token.body.toString()) as { data: { token: string } }).data.token;
  const base = `${proxy}/intl/openapi/identity-risk/idvs-h5/ekyc/v1/face-authentication`;
  const headers = { "content-type": "application/json", "x-access-token": accessToken };
  await post(`${base}/enroll`, headers, json({ userId: "app-user-1", region: "PHL", faceImage: enrollImage }));
  await post(`${base}/get-enroll`, headers, json({ userId: "app-user-1" }));
}

/** ZOLOZ: a signed connect enroll; `key` signs (the merchant private key, or a wrong one). */
export async function zolozApp(proxy: string, clientId: string, key: KeyObject, image: string) {
  const path = "/api/v1/zoloz/connect/enroll";
  const body = json({ bizId: "app-biz-1", userId: "app-user-1", base64ImageContent: image });
  const time = requestTime();
  return post(
    `${proxy}${path}`,
    {
      "content-type": "application/json; charset=UTF-8",
      "client-id": clientId,
      "request-time": time,
      signature: zolozSignature(path, clientId, time, body, key),
    },
    body,
  );
}

/** uqudo: a client-credentials token, then a face match with `Authorization: Bearer` (or without it). */
export async function uqudoApp(
  proxy: string,
  credentials: { clientId: string; clientSecret: string },
  options: { withToken: boolean },
) {
  const form = new URLSearchParams({
    grant_type: "client_credentials",
    client_id: credentials.clientId,
    client_secret: credentials.clientSecret,
  }).toString();
  const token = await post(`${proxy}/api/oauth/token`, { "content-type": "application/x-www-form-urlencoded" }, form);
  const accessToken = (JSON.parse(token.body.toString()) as { access_token: string }).access_token;
  const headers: Record<string, string> = {
    "content-type": "application/json",
    ...(options.withToken ? { authorization: `Bearer ${accessToken}` } : {}),
  };
  return post(
    `${proxy}/api/v1/face/match`,
    headers,
    json({ sourceImage: await face(1), targetImage: await face(1, { variant: 1 }), minimumMatchLevel: 3 }),
  );
}
