// `ekyc-conformance sandbox --mutation … --fault NAME[:rate] --seed …` as a child process, driven and cleared over
// /_admin as a team's own test would: the flags reach the sandbox, and clearing them restores the documented answers.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { describe, expect, it } from "vitest";
import { Faults } from "../../src/sandbox/faults.ts";
import { MUTATIONS } from "../../src/sandbox/mutations.ts";
import { FAULTS, parseFault } from "../../src/sandbox/switches.ts";
import { BIN, cleanEnv, runCli, shown } from "./cli-process.ts";

const FACE = "/api/v1/face";
const GET_ENROLL = "/intl/openapi/identity-risk/idvs-h5/ekyc/v1/face-authentication/get-enroll";

describe("sandbox --mutation / --fault / --seed", () => {
  it("starts with the switches given, draws --fault rates from --seed, and /_admin clears them", async () => {
    const args = [
      "sandbox",
      "--json",
      "--mutation",
      "advance-http-500",
      "--mutation",
      "uqudo-201-as-200",
      "--fault",
      "outage:0.5",
      "--fault",
      "rate-limit",
      "--seed",
      "7",
    ];
    const child = spawn(process.execPath, [BIN, ...args], { env: cleanEnv(), stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
    try {
      const line = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout }).once("line", resolve);
        child.once("close", () => reject(new Error(`sandbox exited before printing: ${stderr}`)));
      });
      const info = JSON.parse(line);
      const admin = async (method: string, path = "", body?: unknown) => {
        const r = await fetch(`${info.adminUrl}${path}`, {
          method,
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        expect(r.status).toBe(200);
        return (await r.json()) as any;
      };
      const overview = await admin("GET");
      expect(overview.mutations.active).toEqual(["advance-http-500", "uqudo-201-as-200"]);
      expect(overview.faults.active).toEqual([{ name: "outage", rate: 0.5 }, { name: "rate-limit" }]);

      // Every request gets a fault: outage where seed 7 draws it, else the throttle — the draws of this seed.
      const bare = async () => (await fetch(`${info.uqudo.baseUrl}${FACE}`, { method: "POST" })).status;
      const seen: number[] = [];
      for (let i = 0; i < 16; i++) seen.push(await bare());
      const expected = new Faults([parseFault("outage:0.5"), parseFault("rate-limit")], "7");
      expect(seen).toEqual(
        Array.from({ length: 16 }, () =>
          expected.take({ at: "", method: "POST", route: "uqudo", path: FACE })!.name === "outage" ? 503 : 429,
        ),
      );
      expect(new Set(seen)).toEqual(new Set([503, 429]));

      // Faults cleared: the mutations answer.
      expect((await admin("DELETE", "/faults")).active).toEqual([]);
      expect(await bare()).toBe(401);
      const getEnroll = async () =>
        (
          await fetch(`${info.advance.baseUrl}${GET_ENROLL}`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: "{}",
          })
        ).status;
      expect(await getEnroll()).toBe(500);
      // Mutations cleared: the documented answers.
      expect((await admin("DELETE", "/mutations")).active).toEqual([]);
      expect(await getEnroll()).toBe(200);
      expect((await admin("GET", "/requests")).count).toBe(16 + 1 + 2);
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
  });

  it("--help lists every mutation and every fault with its one line", async () => {
    const r = await runCli(["sandbox", "--help"]);
    expect(r.code, shown(r)).toBe(0);
    for (const m of MUTATIONS)
      expect(r.stdout).toMatch(
        new RegExp(`\\n  ${m.name} +${m.description.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\n`),
      );
    for (const f of FAULTS)
      expect(r.stdout).toMatch(
        new RegExp(`\\n  ${f.name} +${f.description.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\n`),
      );
    expect(r.stdout).toContain("--fault <name[:rate]>");
    expect(r.stdout).toContain("/_admin (loopback only; docs/sandbox.md)");
  });

  // The same parser serves /_admin, whose bad-input table (src/sandbox/admin.test.ts) covers rates and fields.
  it("a bad --fault: one line, exit 2", async () => {
    const r = await runCli(["sandbox", "--fault", "outage:0.5", "--fault", "outige:0.1"], { timeoutMs: 30_000 });
    expect(r.code, shown(r)).toBe(2);
    expect(r.stderr).toMatch(/^ekyc-conformance: --fault outige:0.1: unknown fault "outige" \(did you mean outage\?\)/);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stdout).toBe("");
  });
});
