// Cleanup that survives failure: a run that dies leaves its journal behind; `ekyc-conformance cleanup` deletes
// every user and face in it from the target it was created on, and nothing else.
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCleanupCommand } from "../../src/cli/reliability.ts";
import { JOURNAL_VARIABLE, readJournal } from "../../src/reliability/journal.ts";
import type { Sandbox } from "../../src/sandbox/index.ts";
import { buildRequest, type BuildContext } from "../../src/suite/build.ts";
import type { RunContext } from "../../src/suite/run.ts";
import type { Exchange, RequestSpec } from "../../src/types.ts";
import { contextFor, infoOf, testPolicy, withSandbox } from "./support.ts";

const PREFIX = "ekcjrn001";
let sandbox: Sandbox;
let dir: string;
let journal: string;
let counter = 0;
const build: BuildContext = {
  newId: (kind) =>
    `${PREFIX}-${kind === "bizId" ? "b" : kind === "userId" ? "u" : "nx"}${String(++counter).padStart(6, "0")}`,
  captured: new Map(),
  imageUrl: async () => "http://127.0.0.1:9/none",
};

beforeAll(async () => {
  sandbox = await withSandbox();
  dir = mkdtempSync(join(tmpdir(), "ekc-journal-"));
  journal = join(dir, "journal.jsonl");
  process.env[JOURNAL_VARIABLE] = journal;
});
afterAll(async () => {
  delete process.env[JOURNAL_VARIABLE];
  rmSync(dir, { recursive: true, force: true });
  await sandbox.close();
});

const body = (e: Exchange) => e.response.json as { code?: string; result?: { resultCode?: string } };
const send = (ctx: RunContext, request: RequestSpec) => ctx.transport.send(request, { caseId: "journal/test" });

describe("journal and cleanup", () => {
  it("a crashed run's users and faces are deleted by `cleanup --journal`, and the journal is emptied", async () => {
    const ctx = contextFor(infoOf(sandbox), { limiter: null, retry: testPolicy() });
    const userOf = (r: RequestSpec) => (r.body as { value: { userId: string; bizId?: string } }).value;
    // The run creates two ADVANCE users, one ZOLOZ user, one uqudo 1:N face...
    const enrolls = [await buildRequest("advance.enroll", {}, build), await buildRequest("advance.enroll", {}, build)];
    for (const r of enrolls) expect(body(await send(ctx, r)).code).toBe("SUCCESS");
    const zoloz = await buildRequest("zoloz.connectEnroll", {}, build);
    expect(body(await send(ctx, zoloz)).result?.resultCode).toBe("SUCCESS");
    const face = await send(ctx, await buildRequest("uqudo.faceSearchInsert", {}, build));
    const faceId = (face.response.json as { oneToNVerificationId: string }).oneToNVerificationId;
    // ...one enroll whose connection broke before the answer (did it happen? the journal does not know)...
    sandbox.setFaults([{ kind: "reset", path: "face-authentication/enroll", times: 1 }]);
    const lost = await buildRequest("advance.enroll", {}, build);
    await expect(send(ctx, lost)).rejects.toMatchObject({ kind: "connection-reset" });
    // ...and one enroll the vendor refused (nothing created: struck off at once).
    await send(ctx, await buildRequest("advance.enroll", { set: { region: "XXX" } }, build));
    // Then the process dies: no cleanup ran.
    const advanceUsers = [...enrolls, lost].map((r) => userOf(r).userId);
    expect(advanceUsers.every((u) => u.startsWith(`${PREFIX}-u`))).toBe(true);
    const left = readJournal(journal);
    expect(left.map((e) => e.key)).toEqual([
      `advance:user:${advanceUsers[0]}`,
      `advance:user:${advanceUsers[1]}`,
      `zoloz:user:${userOf(zoloz).userId}`,
      `uqudo:face:${faceId}`,
      `advance:user:${advanceUsers[2]}`,
    ]);
    expect(left[2]?.ids).toEqual({ userId: userOf(zoloz).userId, bizId: userOf(zoloz).bizId });
    // ids only: no image, no token, no secret
    const text = readFileSync(journal, "utf8");
    expect(text).not.toMatch(/base64|\/9j\/|token|secret|signature/i);
    for (const line of text.trim().split("\n"))
      expect(Object.keys(JSON.parse(line)).sort()).toEqual(expect.arrayContaining(["op", "key"]));
    const getEnroll = (userId: string) =>
      send(ctx, { operationId: "advance.getEnroll", body: { kind: "json", value: { userId } } });
    expect(body(await getEnroll(advanceUsers[0]!)).code).toBe("SUCCESS");

    const lines: string[] = [];
    const code = await runCleanupCommand({
      journal,
      target: "sandbox",
      sandbox: sandbox.origin,
      out: (l) => lines.push(l),
    });
    expect(lines.join("\n")).toMatch(/deleted 5 of 5 resources; 0 left/);
    expect(code).toBe(0);
    expect(existsSync(journal)).toBe(false);
    // gone from the target
    for (const userId of advanceUsers) expect(body(await getEnroll(userId)).code).toBe("PARAMETER_ERROR");
    expect(
      body(await send(ctx, { operationId: "zoloz.connectUnenroll", body: { kind: "json", value: userOf(zoloz) } }))
        .result?.resultCode,
    ).not.toBe("SUCCESS");
    expect(
      (await send(ctx, { operationId: "uqudo.faceSearchDelete", pathParams: { oneToNVerificationId: faceId } }))
        .response.status,
    ).toBe(404);
    await ctx.transport.close();
  });

  it("cleanup leaves what it cannot delete, and what belongs to another target, in the journal (exit 2)", async () => {
    const foreign = {
      op: "add",
      key: "advance:user:ekcffffff-u1",
      vendor: "advance",
      operationId: "advance.enroll",
      ids: { userId: "ekcffffff-u1" },
      caseId: "x",
      target: "live",
      origin: "https://api.example",
      at: new Date().toISOString(),
    };
    appendFileSync(journal, JSON.stringify(foreign) + "\n" + '{"op":"add","key":"torn', "utf8");
    sandbox.clearRequests();
    sandbox.setFaults([{ kind: "status", status: 503, body: "html", route: "zoloz" }]);
    const zolozEntry = {
      ...foreign,
      key: "zoloz:user:ekcjrn001-u9",
      vendor: "zoloz",
      operationId: "zoloz.connectEnroll",
      ids: { userId: "ekcjrn001-u9", bizId: "ekcjrn001-b9" },
      target: "sandbox",
      origin: sandbox.origin,
    };
    appendFileSync(journal, "\n" + JSON.stringify(zolozEntry) + "\n");
    const lines: string[] = [];
    const code = await runCleanupCommand({
      journal,
      target: "sandbox",
      sandbox: sandbox.origin,
      out: (l) => lines.push(l),
    });
    sandbox.setFaults(null);
    expect(code).toBe(2);
    expect(lines.join("\n")).toMatch(/1 entry belongs to another target/);
    expect(lines.join("\n")).toMatch(/not deleted: zoloz:user:ekcjrn001-u9 \(.*HTTP 503/);
    expect(readJournal(journal).map((e) => e.key)).toEqual(["advance:user:ekcffffff-u1", "zoloz:user:ekcjrn001-u9"]);
    // the delete is retried (cleanup deletes are safe to repeat) before it gives up
    expect(sandbox.requests.filter((r) => r.path.includes("unenroll")).length).toBe(3);
  });
});
