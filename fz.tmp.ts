import { startSandbox } from "./src/sandbox/index.ts";
import { fuzzOnce, bareReplay } from "./scripts/bench/fuzz.ts";
const sandbox = await startSandbox({ port: 0 });
await fuzzOnce(sandbox, 5, 1);
for (let r = 0; r < 4; r++) {
  sandbox.reset();
  const { run, sent } = await fuzzOnce(sandbox, 200, 1000 + r);
  sandbox.reset();
  const b = await bareReplay(sent);
  console.log(`kit ${run.ms.toFixed(0)} ms ${run.requests} req, bare ${b.ms.toFixed(0)} ms -> time ratio ${(b.ms / run.ms).toFixed(2)}`);
}
await sandbox.close();
