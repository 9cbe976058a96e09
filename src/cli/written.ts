// The last lines of a run: every report file it wrote, and nothing else (tools underneath are kept quiet).
import { existsSync } from "node:fs";
import { relative } from "node:path";
import { Writable } from "node:stream";

/** "Reports written:" and one line per path that exists, relative to the working directory. */
export function listWritten(paths: Array<[label: string, path: string]>): string {
  const lines = paths.filter(([, path]) => existsSync(path)).map(([label, path]) => `  ${label.padEnd(14)} ${relative(process.cwd(), path) || path}`);
  return lines.length ? `Reports written:\n${lines.join("\n")}` : "";
}

/** A stream that keeps what a tool prints (vitest's "JUNIT report written to …"), to show only when something went wrong. */
export class HeldOutput extends Writable {
  private text = "";

  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }

  get held(): string {
    return this.text;
  }
}
