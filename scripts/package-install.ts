// Packs the built kit (dist/ must be fresh: `npm run build`) and installs the tarball into a new project folder that
// cannot see this repo, as a user does. Shared by the package test (test/package/) and the bench (`package` section).
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { fileURLToPath } from "node:url";

const run = promisify(execFile);
const REPO = fileURLToPath(new URL("../", import.meta.url));

export interface Installed {
  /** The project the package is installed into: `<work>/project`. */
  project: string;
  tarball: string;
  /** The tarball's size in bytes and the files it holds, as `npm pack` reports them. */
  size: number;
  files: string[];
  /** `node <this> --help` runs the installed command. */
  bin: string;
}

/** `tools`: other packages the project installs beside the kit, by name, at the kit's own versions of them. */
export async function packAndInstall(
  work: string,
  tools: string[] = [],
  env: NodeJS.ProcessEnv = process.env,
): Promise<Installed> {
  if (!existsSync(join(REPO, "dist", "src", "cli", "main.js")))
    throw new Error("dist/ is not built: run `npm run build` first (npm test does it)");
  // The build is fresh; packing must not rebuild it, nor run any other script.
  const pack = await run("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", work], {
    cwd: REPO,
    env,
    maxBuffer: 16 << 20,
  });
  const [packed] = JSON.parse(pack.stdout) as [{ filename: string; size: number; files: { path: string }[] }];
  const project = join(work, "project");
  mkdirSync(project, { recursive: true });
  writeFileSync(
    join(project, "package.json"),
    JSON.stringify({ name: "a-team-project", private: true, type: "module" }, null, 2),
  );
  const manifest = JSON.parse(readFileSync(join(REPO, "package.json"), "utf8")) as {
    dependencies: Record<string, string>;
    devDependencies: Record<string, string>;
  };
  const versions = tools.map(
    (name) => `${name}@${manifest.dependencies[name] ?? manifest.devDependencies[name] ?? "latest"}`,
  );
  const tarball = join(work, packed.filename);
  // The kit's versions are in the local npm cache; sharp's prebuilt binary needs no install script.
  await run(
    "npm",
    ["install", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts", tarball, ...versions],
    { cwd: project, env, maxBuffer: 16 << 20 },
  );
  return {
    project,
    tarball,
    size: packed.size,
    files: packed.files.map((f) => f.path),
    bin: join(project, "node_modules", "ekyc-conformance", "bin", "ekyc-conformance.js"),
  };
}
