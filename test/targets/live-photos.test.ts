// The whole kit on CONFORMANCE_TARGET=live against a separate sandbox process, with a face photo of each shape users
// send: every face image is derived from the photo, so a vendor that is exactly right gets no failure and no case
// goes unrun for want of a face. The 1:N gallery is shared: an earlier run's copy of the face is already in it.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CaseResult } from "../../src/results/model.ts";
import { configFromEnv } from "../../src/config/index.ts";
import { authCases } from "../../src/suite/auth-cases.ts";
import { createRunContext } from "../../src/suite/run-context.ts";
import { runCase, type RunContext } from "../../src/suite/run.ts";
import type { SuiteDefinition } from "../../src/suite/types.ts";
import { exifRotatedJpegPhoto, largeJpegPhoto, otherPersonJpegPhoto, smallPngPhoto } from "../testing/photos.ts";
import { caseOf, liveEnv, loadSuites, runWholeSuite, spawnSandboxProcess, type SandboxProcess } from "./support.ts";

/** Fuzz cases per property: enough to send derived fuzz images on every path, few enough for three runs. */
const FUZZ_RUNS = 3;
/** Skipped on live whatever the photo, for its own reason (not for want of a face). */
const EXPECTED_SKIPS: Record<string, RegExp> = {
  "advance.enroll/url-face": /needs an image URL the vendor can fetch/,
};

const PHOTOS = [
  ["a 300x300 PNG", "small.png", smallPngPhoto],
  ["a 3000x4000 JPEG over 2 MB", "large.jpg", largeJpegPhoto],
  ["an EXIF-rotated JPEG", "rotated.jpg", exifRotatedJpegPhoto],
] as const;

let child: SandboxProcess;
let suites: Map<string, SuiteDefinition>;
let dir: string;
/** CONFORMANCE_OTHER_FACE_IMAGE: someone else, for the face-match case about two different people. */
let other: string;
const files = new Map<string, string>();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "ekyc-live-photos-"));
  [child, suites] = await Promise.all([spawnSandboxProcess(), loadSuites()]);
  for (const [, name, make] of PHOTOS) {
    const file = join(dir, name);
    writeFileSync(file, await make());
    files.set(name, file);
  }
  other = join(dir, "someone-else.jpg");
  writeFileSync(other, await otherPersonJpegPhoto());
}, 90_000);

afterAll(async () => {
  await child?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function liveContext(photo: string): RunContext {
  return createRunContext({
    config: {
      ...configFromEnv(liveEnv(child.summary, { CONFORMANCE_FACE_IMAGE: photo, CONFORMANCE_OTHER_FACE_IMAGE: other })),
      fuzzRuns: FUZZ_RUNS,
    },
  });
}

const inserted = (result: CaseResult): string[] =>
  result.exchanges.flatMap((e) => /"oneToNVerificationId":"([^"]+)"/.exec(e.response?.body ?? "")?.[1] ?? []);

describe("CONFORMANCE_TARGET=live with a face photo, against an unmutated sandbox process", () => {
  it.each(PHOTOS.map(([label, name]) => [label, name]))(
    "%s: no failure, and every face case runs",
    async (_label, name) => {
      const photo = files.get(name)!;
      // An earlier run (another process, or one that crashed) left a copy of the same face in the 1:N gallery.
      const earlier = liveContext(photo);
      try {
        const seeded = await runCase(
          earlier,
          "uqudo.faceSearchInsert",
          caseOf(suites, "uqudo.faceSearchInsert", "insert-jpeg"),
        );
        expect(seeded.status).toBe("passed");
      } finally {
        await earlier.transport.close();
      }

      const context = liveContext(photo);
      let results: CaseResult[];
      try {
        results = await runWholeSuite(context, suites.values());
      } finally {
        await context.transport.close();
      }
      const declared = [...suites.values()].reduce(
        (n, s) => n + s.cases.length + authCases(s).length + (s.flows?.length ?? 0) + (s.fuzz?.length ?? 0),
        0,
      );
      expect(results).toHaveLength(declared);
      const notPassed = results.filter(
        (r) => r.status !== "passed" && !(r.status === "skipped" && EXPECTED_SKIPS[r.id]?.test(r.reason ?? "")),
      );
      expect(
        notPassed.map(
          (r) =>
            `${r.id}: ${r.status} ${r.reason ?? ""} ${r.findings.map((f) => `${f.check}: ${f.message}`).join("; ")}`,
        ),
      ).toEqual([]);
      expect(
        results
          .filter((r) => r.status === "skipped")
          .map((r) => r.id)
          .sort(),
      ).toEqual(Object.keys(EXPECTED_SKIPS).sort());

      // The flow's search found the face on a copy other than the one it inserted, and that is a pass.
      const flow = results.find((r) => r.id === "uqudo.faceSearch/insert-then-search")!;
      const [before, own, found] = inserted(flow);
      expect(own).toBeDefined();
      expect(found).toBe(before);
      expect(found).not.toBe(own);
    },
    120_000,
  );
});
