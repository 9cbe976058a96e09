// The `package` section: the package as a user installs it (scripts/package-install.ts). Two keys:
//   package_tarball_kb  the `npm pack` tarball's size in kB (1,000 bytes, as npm prints it);
//   cli_help_s          `node <installed bin> --help`, a new process each time, wall seconds.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { packAndInstall } from "../package-install.ts";
import { runChild, summary, type Summary } from "./lib.ts";

export interface PackageBench {
  tarballKb: number;
  files: number;
  helpS: number[];
  helpCpuS: number[];
  /** `node -e 0` in the same loop: the floor no CLI start can go under on this machine. */
  nodeS: number[];
  /** Set when the section was measured on its own, after the rest of benchmarks.json (BENCH_SECTIONS=package). */
  date?: string;
  loadAverage?: number;
}

export async function packageBench(repetitions: number, log: (line: string) => void): Promise<PackageBench> {
  const work = mkdtempSync(join(tmpdir(), "ekyc-bench-package-"));
  try {
    const installed = await packAndInstall(work);
    log(`package: tarball ${(installed.size / 1000).toFixed(1)} kB, ${installed.files.length} files`);
    const helpS: number[] = [];
    const helpCpuS: number[] = [];
    const nodeS: number[] = [];
    // One unmeasured start first, as for every other figure here: the file cache holds the installed tree.
    await runChild(process.execPath, [installed.bin, "--help"], { cwd: installed.project });
    for (let i = 0; i < Math.max(repetitions, 5); i++) {
      const help = await runChild(process.execPath, [installed.bin, "--help"], { cwd: installed.project });
      if (help.code !== 0) throw new Error(`--help exited ${help.code}: ${help.stderr.split("\n")[0]}`);
      helpS.push(help.wallMs / 1000);
      if (help.userS !== undefined) helpCpuS.push(help.userS + (help.sysS ?? 0));
      nodeS.push((await runChild(process.execPath, ["-e", "0"], { cwd: installed.project })).wallMs / 1000);
    }
    return { tarballKb: installed.size / 1000, files: installed.files.length, helpS, helpCpuS, nodeS };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The section's lines of benchmarks.md. */
export function renderPackage(p: PackageBench | undefined, spreads: Record<string, Summary>): string[] {
  if (!p) return [];
  const s = (key: string, values: number[]) => {
    const x = spreads[key] ?? summary(values);
    return `${x.median.toFixed(3)} s (${x.min.toFixed(3)}–${x.max.toFixed(3)}, n=${x.n})`;
  };
  return [
    "## The installed package",
    "",
    `${p.date ? `Measured on its own (\`BENCH_SECTIONS=package npm run bench\`) on ${p.date.slice(0, 10)} (${p.date.slice(11, 16)} UTC), load average ${p.loadAverage ?? "?"}. ` : ""}\`npm pack\` of the built kit, installed into an empty project (scripts/package-install.ts): the tarball is **${p.tarballKb.toFixed(1)} kB** (1,000 bytes, as npm prints it) (${p.files} files; target ≤ 250). ` +
      `\`node <installed bin> --help\`, a new process each time: **${s("cli_help_s", p.helpS)}** wall (target ≤ 0.3), ${s("cli_help_cpu_s", p.helpCpuS)} CPU; \`node -e 0\` in the same loop: ${s("node_start_s", p.nodeS)}.`,
    "",
  ];
}
