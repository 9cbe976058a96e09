// vitest global setup: the default target is the embedded sandbox, started once on an ephemeral port; after a
// recording, the recording's list of cases.
import type { TestProject } from "vitest/node";
import { configFromEnv, parseTarget } from "../config/index.ts";
import { DEFAULT_FIXTURES_DIR, indexRecording } from "../recording/format.ts";
import { startSandbox, type Sandbox } from "../sandbox/index.ts";

let sandbox: Sandbox | undefined;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const target = parseTarget(project.config.env?.["CONFORMANCE_TARGET"] ?? process.env["CONFORMANCE_TARGET"]);
  // A sandbox already started by the CLI is handed over through the environment.
  const given = process.env["CONFORMANCE_SANDBOX"];
  if (target !== "sandbox") {
    project.provide("sandbox", null);
  } else if (given) {
    project.provide("sandbox", JSON.parse(given) as { baseUrls: Sandbox["baseUrls"]; origin: string });
  } else {
    sandbox = await startSandbox({ port: 0 });
    project.provide("sandbox", { baseUrls: sandbox.baseUrls, origin: sandbox.origin });
  }
  return async () => {
    await sandbox?.close();
    sandbox = undefined;
    // Once every worker has recorded: recording.json lists the cases, so a replay can tell when one went missing.
    const config = configFromEnv({ ...process.env, ...project.config.env });
    if (config.record) indexRecording(config.fixturesDir ?? DEFAULT_FIXTURES_DIR);
  };
}
