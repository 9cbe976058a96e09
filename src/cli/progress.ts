// A vitest reporter that shows progress of a long run: cases done, and the operation being run. The total is shown
// only once every suite file is collected, so it never grows while the run goes on.
import cliProgress from "cli-progress";
import type { Reporter, TestCase, TestModule, TestSpecification } from "vitest/node";

export class ProgressReporter implements Reporter {
  private bar: cliProgress.SingleBar | undefined;
  private files = Infinity;
  private collected = 0;
  private total = 0;
  private done = 0;

  constructor(private readonly stream: NodeJS.WriteStream = process.stderr) {}

  /** The total, or undefined while some suite files are not collected yet. */
  get stableTotal(): number | undefined {
    return this.collected >= this.files ? this.total : undefined;
  }

  onTestRunStart(specifications: ReadonlyArray<TestSpecification>): void {
    this.files = specifications.length;
  }

  onTestModuleCollected(module: TestModule): void {
    this.collected++;
    for (const _ of module.children.allTests()) this.total++;
    if (!this.bar && this.stream.isTTY) {
      this.bar = new cliProgress.SingleBar(
        {
          format: " {bar} {value}{of} cases | {operation}",
          stream: this.stream,
          hideCursor: true,
          clearOnComplete: true,
        },
        cliProgress.Presets.shades_classic,
      );
      // The bar needs a length: until the total is known it is the collected count, and only the count is printed.
      this.bar.start(this.total, 0, { operation: "", of: "" });
    }
    this.bar?.setTotal(this.total);
  }

  onTestCaseResult(test: TestCase): void {
    this.done++;
    const operation = test.parent.type === "suite" ? test.parent.name : test.module.moduleId;
    const total = this.stableTotal;
    if (this.bar) this.bar.update(this.done, { operation, of: total === undefined ? "" : `/${total}` });
    else if (this.done % 25 === 0)
      this.stream.write(`  ${this.done}${total === undefined ? "" : `/${total}`} cases (${operation})\n`);
  }

  onTestRunEnd(): void {
    this.bar?.stop();
  }
}
