// A vitest reporter that shows progress of a long run: cases done of total, and the operation being run.
import cliProgress from "cli-progress";
import type { Reporter, TestCase, TestModule } from "vitest/node";

export class ProgressReporter implements Reporter {
  private bar: cliProgress.SingleBar | undefined;
  private total = 0;
  private done = 0;

  constructor(private readonly stream: NodeJS.WriteStream = process.stderr) {}

  onTestModuleCollected(module: TestModule): void {
    for (const _ of module.children.allTests()) this.total++;
    if (!this.bar && this.stream.isTTY) {
      this.bar = new cliProgress.SingleBar({ format: " {bar} {value}/{total} cases | {operation}", stream: this.stream, hideCursor: true, clearOnComplete: true }, cliProgress.Presets.shades_classic);
      this.bar.start(this.total, 0, { operation: "" });
    }
    this.bar?.setTotal(this.total);
  }

  onTestCaseResult(test: TestCase): void {
    this.done++;
    const operation = test.parent.type === "suite" ? test.parent.name : test.module.moduleId;
    if (this.bar) this.bar.update(this.done, { operation });
    else if (this.done % 25 === 0) this.stream.write(`  ${this.done}/${this.total} cases (${operation})\n`);
  }

  onTestRunEnd(): void {
    this.bar?.stop();
  }
}
