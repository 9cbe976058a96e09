// Boolean fields (uqudo `insert`): true/false, and the values loose parsers take for booleans.
import fc from "fast-check";
import { catalogue, labeled, type Labeled } from "./_internals/labeled.ts";

function entries(field: string): Labeled<unknown>[] {
  const type = `wrong-type:${field}`;
  const loose: [string, unknown][] = [
    ["string-true", "true"],
    ["string-false", "false"],
    ["one", 1],
    ["zero", 0],
    ["string-one", "1"],
    ["string-zero", "0"],
    ["yes", "yes"],
    ["upper-true", "TRUE"],
    ["empty-string", ""],
    ["null", null],
    ["array", [true]],
    ["object", { value: true }],
  ];
  return [
    labeled(false, [], "false"),
    labeled(true, [], "true"),
    ...loose.map(([label, v]) => labeled(v, [type], label)),
  ];
}

/** false, true, then booleanish non-booleans (each wrong-type:<field>), simplest first. */
export function booleanish(field = "insert"): fc.Arbitrary<Labeled<unknown>> {
  return catalogue(entries(field)).arbitrary;
}

export function booleanishSize(field = "insert"): (v: Labeled<unknown>) => number {
  return catalogue(entries(field)).size;
}
