// A stand-in for one vitest worker: claims requests from the run's budget folder and prints how many it got.
import { RequestLimiter } from "../../src/reliability/limiter.ts";

const [dir, max, tries] = process.argv.slice(2);
const limiter = new RequestLimiter({ maxRequests: Number(max), budgetDir: dir! });
let sent = 0;
for (let i = 0; i < Number(tries); i++) {
  try {
    await limiter.run(async () => undefined);
    sent++;
  } catch {
    // budget exhausted
  }
}
process.stdout.write(String(sent));
