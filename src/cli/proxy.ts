// `ekyc-conformance proxy`: the command's definition; its run (src/cli/proxy-run.ts) loads only when it is invoked,
// so `--help` stays fast.
import { Command, Option } from "commander";
import { VENDORS } from "../types.ts";
import { described, epilogue } from "./help.ts";
import type { ProxyCommandOptions } from "./proxy-run.ts";

export function addProxyCommand(cli: Command): Command {
  const proxy = cli
    .command("proxy")
    .description(
      "forward your app's calls to a vendor (or the embedded sandbox), judge each request and answer, and write the reports on Ctrl+C",
    )
    .optionsGroup("Where:")
    .addOption(
      new Option("--vendor <vendor>", "the vendor your app calls through the proxy")
        .choices(VENDORS)
        .makeOptionMandatory(),
    )
    .option(
      "--upstream <url>",
      described("base URL the calls are forwarded to, e.g. the vendor's sandbox host", {
        default: "the embedded sandbox",
      }),
    )
    .option(
      "--auth-upstream <url>",
      described("uqudo: base URL of the OAuth server (oauthToken goes there)", { default: "--upstream" }),
    )
    .option("--port <n>", described("loopback port to listen on", { default: "a free one" }))
    .optionsGroup("ZOLOZ keys (files or PEM text; never sent, never written):")
    .option("--zoloz-merchant-public-key <key>", "verify your app's request signatures with this merchant public key")
    .option("--zoloz-platform-public-key <key>", "verify ZOLOZ's response signatures with this platform public key")
    .option(
      "--zoloz-merchant-private-key <key>",
      "decrypt RSA_AES responses for checking (what is forwarded stays encrypted)",
    )
    .option(
      "--zoloz-platform-private-key <key>",
      "decrypt RSA_AES requests for checking (only a sandbox's key is ever known)",
    )
    .optionsGroup("Output:")
    .option("--out <dir>", "folder the reports are written to (created if missing)", "reports")
    .option("--max-requests <n>", "stop and write the reports after this many exchanges")
    .option("--json", "print one JSON object with the URL to point your app at on the first line of standard output")
    .option("--quiet", "no line per exchange on standard error")
    .action(async (options: ProxyCommandOptions) => {
      const { runProxyCommand } = await import("./proxy-run.ts");
      process.exitCode = await runProxyCommand(options);
    });
  epilogue(
    proxy,
    [
      "ekyc-conformance proxy --vendor uqudo --json                 # against the embedded sandbox; prints the URL and its test credentials",
      "ekyc-conformance proxy --vendor zoloz --upstream https://sg-sandbox-api.zoloz.com --zoloz-merchant-public-key merchant_pub.pem --zoloz-platform-public-key zoloz_pub.pem",
      "ekyc-conformance proxy --vendor advance --port 8081 --max-requests 50 --out proxy-reports",
    ],
    { exitCodes: true },
  );
  return proxy;
}
