import { describe, expect, it } from "vitest";
import { ensureResourceAvailability as check } from "./ensure_resource_availability.ts";
import { advanceBody, runAll, runCheck, ruleOf, zolozBody, zolozFailure } from "./testing/exchange.ts";
import type { Expectation } from "./types.ts";

const present = (resource: string): Expectation => ({ kind: "present", resource });
const base = { check: "ensure_resource_availability", severity: "failure", expected: "the created resource" } as const;
const ID = "b7e1c2d3-0000-4000-8000-000000000002";

describe("ensure_resource_availability", () => {
  describe("ADVANCE: get-enroll after enroll", () => {
    it("listed: no finding", () => {
      expect(
        runCheck(
          check,
          "advance.getEnroll",
          { json: advanceBody({ data: { userId: "user-1", imageUrlList: ["https://abc.com/1.jpg"] } }) },
          present("user-1"),
        ),
      ).toEqual([]);
    });
    it("not listed", () => {
      expect(
        runCheck(
          check,
          "advance.getEnroll",
          { json: advanceBody({ data: { userId: "user-1", imageUrlList: [] } }) },
          present("user-1"),
        ),
      ).toEqual([
        {
          ...base,
          rule: ruleOf(check, "advance.getEnroll"),
          message: "created resource user-1 is not visible: code SUCCESS, 0 entries in /data/imageUrlList for user-1",
          actual: "code SUCCESS, 0 entries in /data/imageUrlList for user-1",
        },
      ]);
    });
    it("unknown user", () => {
      expect(
        runCheck(
          check,
          "advance.getEnroll",
          { json: advanceBody({ code: "PARAMETER_ERROR", message: "UserId is invalid" }) },
          present("user-1"),
        ),
      ).toEqual([
        expect.objectContaining({
          ...base,
          message:
            "created resource user-1 is not visible: code PARAMETER_ERROR, 0 entries in /data/imageUrlList for user-1",
        }),
      ]);
    });
  });

  describe("uqudo: 1:N search after insert", () => {
    it("a match with the right id: no finding", () => {
      expect(
        runCheck(
          check,
          "uqudo.faceSearch",
          { json: { oneToNVerificationId: ID, oneToNVerificationMatch: true } },
          present(ID),
        ),
      ).toEqual([]);
      expect(
        runAll("uqudo.faceSearch", { json: { oneToNVerificationId: ID, oneToNVerificationMatch: true } }, present(ID))
          .findings,
      ).toEqual([]);
    });
    it("a match with another id", () => {
      expect(
        runCheck(
          check,
          "uqudo.faceSearch",
          { json: { oneToNVerificationId: "other", oneToNVerificationMatch: true } },
          present(ID),
        ),
      ).toEqual([
        {
          ...base,
          rule: ruleOf(check, "uqudo.faceSearch"),
          message: `created resource ${ID} is not visible: HTTP 200, /oneToNVerificationMatch true, /oneToNVerificationId other (expected ${ID})`,
          actual: `HTTP 200, /oneToNVerificationMatch true, /oneToNVerificationId other (expected ${ID})`,
        },
      ]);
    });
    it("in a shared gallery, a match on a known copy of the face counts; a match on any other id does not", () => {
      const shared: Expectation = { kind: "present", resource: ID, copies: ["copy-1", "copy-2"] };
      expect(
        runCheck(
          check,
          "uqudo.faceSearch",
          { json: { oneToNVerificationId: "copy-2", oneToNVerificationMatch: true } },
          shared,
        ),
      ).toEqual([]);
      expect(
        runCheck(
          check,
          "uqudo.faceSearch",
          { json: { oneToNVerificationId: "stranger", oneToNVerificationMatch: true } },
          shared,
        ),
      ).toEqual([
        expect.objectContaining({
          ...base,
          message: `created resource ${ID} is not visible: HTTP 200, /oneToNVerificationMatch true, /oneToNVerificationId stranger (expected ${ID} or one of 2 earlier copies of the face)`,
        }),
      ]);
      expect(
        runCheck(
          check,
          "uqudo.faceSearch",
          { json: { oneToNVerificationId: "copy-1", oneToNVerificationMatch: false } },
          shared,
        ),
      ).toHaveLength(1);
    });
    it("no match", () => {
      expect(
        runCheck(
          check,
          "uqudo.faceSearch",
          { json: { oneToNVerificationId: null, oneToNVerificationMatch: false } },
          present(ID),
        ),
      ).toEqual([
        expect.objectContaining({
          ...base,
          message: `created resource ${ID} is not visible: HTTP 200, /oneToNVerificationMatch false, /oneToNVerificationId null (expected ${ID})`,
        }),
      ]);
    });
    it("the first delete of the inserted id must succeed: 204 yes, 404 no", () => {
      expect(runCheck(check, "uqudo.faceSearchDelete", { status: 204 }, present(ID))).toEqual([]);
      expect(runCheck(check, "uqudo.faceSearchDelete", { status: 404, json: {} }, present(ID))).toEqual([
        {
          ...base,
          rule: ruleOf(check, "uqudo.faceSearchDelete"),
          message: `created resource ${ID} is not visible: HTTP 404 for ${ID}`,
          actual: `HTTP 404 for ${ID}`,
        },
      ]);
    });
  });

  describe("ZOLOZ", () => {
    it("visible means a success", () => {
      expect(
        runCheck(check, "zoloz.connectUnenroll", { json: zolozBody({}, { transactionId: "G1" }) }, present("user-2")),
      ).toEqual([]);
      expect(
        runCheck(check, "zoloz.connectUnenroll", { json: zolozFailure("INVALID_ARGUMENT") }, present("user-2")),
      ).toEqual([
        expect.objectContaining({
          ...base,
          message: "created resource user-2 is not visible: resultStatus F for user-2",
        }),
      ]);
    });
  });

  it("applies only to present expectations; findings carry no wfc", () => {
    expect(
      runCheck(
        check,
        "advance.getEnroll",
        { json: advanceBody({ code: "PARAMETER_ERROR", message: "UserId is invalid" }) },
        { kind: "absent", resource: "u" },
      ),
    ).toEqual([]);
    const [f] = runCheck(check, "uqudo.faceSearch", { json: { oneToNVerificationMatch: false } }, present(ID));
    expect(f).not.toHaveProperty("wfc");
  });
});
