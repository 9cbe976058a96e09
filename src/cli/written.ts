// Tools underneath are kept quiet: what they print is held and shown only when something went wrong.
import { Writable } from "node:stream";

/** A stream that keeps what a tool prints (vitest's own lines), to show only when something went wrong. */
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
