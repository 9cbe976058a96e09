// The per-host circuit breaker on its own: when it opens, what resets it, and that the run's workers share it
// through one folder. Its effect on cases is in faults.test.ts; through the command line in test/targets/outage.test.ts.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CircuitBreaker, hostPort, readOpenHosts } from "../../src/reliability/breaker.ts";
import { InfraError, type ReceivedResponse } from "../../src/types.ts";

const URL_A = "http://127.0.0.1:9/advance/enroll";
const refused = () => new InfraError("connection-refused", "connection refused by 127.0.0.1:9");
const answer = (status: number, type: string, body = ""): ReceivedResponse => ({
  status,
  headers: { "content-type": type },
  body: Buffer.from(body),
  ...(type.includes("json") ? { json: JSON.parse(body || "{}") } : {}),
});
const dir = mkdtempSync(join(tmpdir(), "ekc-breaker-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("circuit breaker", () => {
  it("opens at the 5th consecutive failure, not before; then refuses at once with the cause, as an already-retried fault", () => {
    const breaker = new CircuitBreaker({ threshold: 5 });
    for (let i = 0; i < 4; i++) breaker.failed(URL_A, refused());
    expect(() => breaker.admit(URL_A)).not.toThrow();
    breaker.failed(URL_A, refused());
    expect(() => breaker.admit(URL_A)).toThrow(
      /^not sent: 127\.0\.0\.1:9 is down \(connection refused; 5 consecutive failures\), so the run stopped calling it$/,
    );
    // Another host is not affected.
    expect(() => breaker.admit("http://127.0.0.1:10/x")).not.toThrow();
  });

  it("any answer that is not an outage resets the count (a documented rejection, a JSON 500 in the vendor's voice); outage answers count", () => {
    const breaker = new CircuitBreaker({ threshold: 5 });
    for (let i = 0; i < 4; i++) breaker.failed(URL_A, refused());
    breaker.answered(URL_A, answer(200, "application/json", '{"code":"PARAMETER_ERROR"}'));
    for (let i = 0; i < 4; i++) breaker.answered(URL_A, answer(500, "text/html", "<html>500</html>"));
    breaker.answered(URL_A, answer(500, "application/json", '{"code":"ERROR"}'));
    for (let i = 0; i < 4; i++) breaker.answered(URL_A, answer(503, "application/json", "{}"));
    expect(breaker.openHost("127.0.0.1:9")).toBeUndefined();
    breaker.answered(URL_A, answer(502, "text/plain", "bad gateway"));
    expect(breaker.openHost("127.0.0.1:9")).toMatchObject({
      kind: "vendor-outage",
      cause: "HTTP 502 from the target (gateway or service unavailable)",
      failures: 5,
    });
  });

  it("faults that say nothing about the host (a spent budget, a body too large) neither count nor reset", () => {
    const breaker = new CircuitBreaker({ threshold: 2 });
    breaker.failed(URL_A, refused());
    breaker.failed(URL_A, new InfraError("budget-exhausted", "request budget exhausted"));
    breaker.failed(URL_A, new InfraError("body-too-large", "too large"));
    expect(breaker.openHost("127.0.0.1:9")).toBeUndefined();
    breaker.failed(URL_A, new InfraError("dns-failure", "host name x not resolved (ENOTFOUND)"));
    expect(breaker.openHost("127.0.0.1:9")?.cause).toBe("host name x not resolved (ENOTFOUND)");
  });

  it("is shared by the run's workers through one folder: the first to open it publishes the cause, the others refuse too", () => {
    const workers = [new CircuitBreaker({ threshold: 3, dir }), new CircuitBreaker({ threshold: 3, dir })];
    const hanging = "https://vendor.example/api";
    workers[0]!.failed(hanging, new InfraError("timeout", "no response"));
    workers[1]!.failed(hanging, new InfraError("timeout", "no response"));
    workers[0]!.failed(hanging, new InfraError("timeout", "no response"));
    expect(() => workers[1]!.admit(hanging)).not.toThrow(); // each counts its own failures
    workers[0]!.failed(hanging, new InfraError("timeout", "no response"));
    expect(() => workers[1]!.admit(hanging)).toThrow(
      /^not sent: vendor\.example:443 is down \(no response within the timeout; 3 consecutive failures\)/,
    );
    expect(readOpenHosts(dir)).toEqual([
      expect.objectContaining({ host: "vendor.example:443", kind: "timeout", failures: 3 }),
    ]);
    expect(hostPort("http://h.example/x")).toBe("h.example:80");
  });
});
