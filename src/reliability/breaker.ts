// A vendor host that refuses or fails every call is an outage, not a list of failing cases: after a few consecutive
// failures (refused, reset, timeout, DNS, or an outage answer such as an HTML 5xx) with no normal answer between, the
// run stops calling that host, and every later request to it ends at once, inconclusive, with the cause.
//
// The threshold is more than one call's attempts, so a single call whose retries all fail (an input that reproducibly
// breaks the vendor) never opens the breaker by itself; the failures must span at least two calls.
//
// vitest runs the suites in several workers; the first to open a host's breaker writes a file named after the host
// in a folder shared by the run (CONFORMANCE_BREAKER_DIR, like the request budget's), and the others see it before
// their next request. The CLI reads the folder after the run for its one stderr line per host.
import { existsSync, linkSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { InfraError, type InfraFaultKind, type ReceivedResponse } from "../types.ts";
import { serverFault } from "./classify.ts";
import { markRetried, retryPolicyFromEnv } from "./retry.ts";

export const BREAKER_DIR_VARIABLE = "CONFORMANCE_BREAKER_DIR";

/** Failures that say the host is unreachable or down, whatever was asked. */
const OUTAGE_KINDS: ReadonlySet<InfraFaultKind> = new Set([
  "connection-refused",
  "connection-reset",
  "timeout",
  "dns-failure",
  "vendor-outage",
]);

/** Why a host was given up on. */
export interface OpenHost {
  /** host:port as the URL names it (port filled in for http/https defaults). */
  host: string;
  kind: InfraFaultKind;
  /** The last failure, in a few words ("connection refused", "HTTP 500 with an HTML page"). */
  cause: string;
  /** Consecutive failures seen when it opened. */
  failures: number;
  at: string;
}

interface HostState {
  consecutive: number;
  open?: OpenHost;
}

export interface BreakerOptions {
  /** Consecutive failures that open a host's breaker (default: the retry policy's attempts + 2). */
  threshold?: number;
  /** Folder shared by the run's workers. */
  dir?: string;
}

/** host:port of a URL, with the scheme's default port spelled out. */
export function hostPort(url: string): string {
  const u = new URL(url);
  return `${u.hostname}:${u.port || (u.protocol === "https:" ? "443" : "80")}`;
}

function fileOf(dir: string, host: string): string {
  return join(dir, `${encodeURIComponent(host)}.json`);
}

function causeOf(error: InfraError): string {
  switch (error.kind) {
    case "connection-refused":
      return "connection refused";
    case "connection-reset":
      return "connection reset";
    case "timeout":
      return "no response within the timeout";
    default:
      return error.message;
  }
}

export class CircuitBreaker {
  readonly threshold: number;
  private readonly hosts = new Map<string, HostState>();

  constructor(readonly options: BreakerOptions = {}) {
    this.threshold = options.threshold ?? retryPolicyFromEnv().maxAttempts + 2;
    if (options.dir) mkdirSync(options.dir, { recursive: true });
  }

  private state(host: string): HostState {
    let s = this.hosts.get(host);
    if (!s) this.hosts.set(host, (s = { consecutive: 0 }));
    return s;
  }

  /** The host's breaker, if open here or in another worker of the run. */
  openHost(host: string): OpenHost | undefined {
    const s = this.state(host);
    if (!s.open && this.options.dir && existsSync(fileOf(this.options.dir, host))) {
      try {
        s.open = JSON.parse(readFileSync(fileOf(this.options.dir, host), "utf8")) as OpenHost;
      } catch {
        s.open = {
          host,
          kind: "other",
          cause: "given up on by another worker",
          failures: this.threshold,
          at: new Date().toISOString(),
        };
      }
    }
    return s.open;
  }

  /** Throws (an already-retried InfraError) when requests to this URL's host are no longer sent. */
  admit(url: string): void {
    const open = this.openHost(hostPort(url));
    if (!open) return;
    throw markRetried(
      new InfraError(
        open.kind,
        `not sent: ${open.host} is down (${open.cause}; ${open.failures} consecutive failures), so the run stopped calling it`,
      ),
    );
  }

  /** Records an answer: an outage answer (HTML or empty 5xx, 502/503/504) counts as a failure, anything else resets. */
  answered(url: string, response: ReceivedResponse): void {
    const fault = serverFault(response);
    if (fault) return this.fail(hostPort(url), "vendor-outage", fault);
    this.state(hostPort(url)).consecutive = 0;
  }

  /** Records a request that got no answer. Faults that say nothing about the host (budget, body size) are ignored. */
  failed(url: string, error: InfraError): void {
    if (OUTAGE_KINDS.has(error.kind)) this.fail(hostPort(url), error.kind, causeOf(error));
  }

  private fail(host: string, kind: InfraFaultKind, cause: string): void {
    const s = this.state(host);
    s.consecutive++;
    if (s.open || s.consecutive < this.threshold) return;
    s.open = { host, kind, cause, failures: s.consecutive, at: new Date().toISOString() };
    if (this.options.dir) publish(this.options.dir, s.open);
  }
}

// Written whole under a temporary name, then linked into place: the first worker wins and no reader sees half a file.
function publish(dir: string, open: OpenHost): void {
  const final = fileOf(dir, open.host);
  const temporary = `${final}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  writeFileSync(temporary, JSON.stringify(open));
  try {
    linkSync(temporary, final);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  } finally {
    rmSync(temporary, { force: true });
  }
}

/** Every host the run gave up on (the CLI's report). */
export function readOpenHosts(dir: string | undefined): OpenHost[] {
  if (!dir || !existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), "utf8")) as OpenHost);
}

let shared: CircuitBreaker | undefined;

/** The process's breaker, shared with the run's other workers through CONFORMANCE_BREAKER_DIR when set. */
export function sharedBreaker(): CircuitBreaker {
  const dir = process.env[BREAKER_DIR_VARIABLE]?.trim() || undefined;
  if (!shared || shared.options.dir !== dir) shared = new CircuitBreaker(dir ? { dir } : {});
  return shared;
}
