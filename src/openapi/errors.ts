/**
 * A defect in a spec file. The message is always ONE line: `<file>[:<line>]: <what is wrong> — <how to fix>`,
 * so CLIs and test reports can print it without a stack.
 */
export class SpecError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly problem: string,
    readonly fix: string,
  ) {
    super(oneLine(`${file}${line !== undefined ? `:${line}` : ""}: ${problem} — ${fix}`));
    this.name = "SpecError";
  }
}

export function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, " ").trim();
}

/** Unknown operation ids are caller bugs, not spec defects, hence a separate class. */
export class UnknownOperationError extends Error {
  constructor(id: string, known: string[]) {
    const near = known.filter((k) => k.split(".")[0] === id.split(".")[0]).slice(0, 12);
    super(
      `unknown operation id "${id}"${near.length ? ` (known for this vendor: ${near.join(", ")})` : ` (known: ${known.slice(0, 12).join(", ")})`}`,
    );
    this.name = "UnknownOperationError";
  }
}
