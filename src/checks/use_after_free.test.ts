import { describe, expect, it } from "vitest";
import { useAfterFree as check } from "./use_after_free.ts";
import { advanceBody, runAll, runCheck, ruleOf, zolozBody, zolozFailure } from "./testing/exchange.ts";
import type { Expectation } from "./types.ts";

const absent = (resource: string): Expectation => ({ kind: "absent", resource });
const base = { check: "use_after_free", severity: "failure", wfc: 103, expected: "the resource to be gone" } as const;
const ID = "a1b2c3d4-0000-4000-8000-000000000001";

describe("use_after_free", () => {
  describe("ADVANCE: get-enroll after delete-enroll", () => {
    it("not listed (empty list or UserId is invalid): no finding", () => {
      expect(
        runCheck(
          check,
          "advance.getEnroll",
          { json: advanceBody({ data: { userId: "user-1", imageUrlList: [] } }) },
          absent("user-1"),
        ),
      ).toEqual([]);
      expect(
        runCheck(
          check,
          "advance.getEnroll",
          { json: advanceBody({ code: "PARAMETER_ERROR", message: "UserId is invalid" }) },
          absent("user-1"),
        ),
      ).toEqual([]);
    });
    it("still listed (wfc 103)", () => {
      expect(
        runCheck(
          check,
          "advance.getEnroll",
          { json: advanceBody({ data: { userId: "user-1", imageUrlList: ["https://abc.com/1.jpg"] } }) },
          absent("user-1"),
        ),
      ).toEqual([
        {
          ...base,
          rule: ruleOf(check, "advance.getEnroll"),
          message: "deleted resource user-1 is still there: code SUCCESS, 1 entry in /data/imageUrlList for user-1",
          actual: "code SUCCESS, 1 entry in /data/imageUrlList for user-1",
        },
      ]);
    });
  });

  describe("uqudo: a second 1:N delete", () => {
    it("404: no finding", () => {
      expect(
        runCheck(
          check,
          "uqudo.faceSearchDelete",
          { status: 404, json: {}, pathParams: { oneToNVerificationId: ID } },
          absent(ID),
        ),
      ).toEqual([]);
    });
    it("204 again: a failure, reported as a warning through uqudo-delete-id-persists", () => {
      const finding = {
        ...base,
        rule: ruleOf(check, "uqudo.faceSearchDelete"),
        message: `deleted resource ${ID} is still there: HTTP 204 for ${ID}`,
        actual: `HTTP 204 for ${ID}`,
      };
      expect(
        runCheck(
          check,
          "uqudo.faceSearchDelete",
          { status: 204, pathParams: { oneToNVerificationId: ID } },
          absent(ID),
        ),
      ).toEqual([finding]);
      expect(runAll("uqudo.faceSearchDelete", { status: 204 }, absent(ID)).findings).toEqual([
        { ...finding, severity: "warning", deviation: "uqudo-delete-id-persists" },
      ]);
    });
    it("a later 1:N search that still matches the id", () => {
      const json = { oneToNVerificationId: ID, oneToNVerificationMatch: true };
      expect(runCheck(check, "uqudo.faceSearch", { json }, absent(ID))).toEqual([
        {
          ...base,
          rule: ruleOf(check, "uqudo.faceSearch"),
          message: `deleted resource ${ID} is still there: HTTP 200, /oneToNVerificationMatch true, /oneToNVerificationId ${ID} (expected ${ID})`,
          actual: `HTTP 200, /oneToNVerificationMatch true, /oneToNVerificationId ${ID} (expected ${ID})`,
        },
      ]);
      expect(runCheck(check, "uqudo.faceSearch", { json: { oneToNVerificationMatch: false } }, absent(ID))).toEqual([]);
    });
  });

  describe("ZOLOZ: a second unenroll", () => {
    it("F/INVALID_ARGUMENT: no finding; S again: finding", () => {
      expect(
        runCheck(check, "zoloz.connectUnenroll", { json: zolozFailure("INVALID_ARGUMENT") }, absent("user-9")),
      ).toEqual([]);
      expect(
        runCheck(check, "zoloz.connectUnenroll", { json: zolozBody({}, { transactionId: "G1" }) }, absent("user-9")),
      ).toEqual([
        {
          ...base,
          rule: ruleOf(check, "zoloz.connectUnenroll"),
          message: "deleted resource user-9 is still there: resultStatus S for user-9",
          actual: "resultStatus S for user-9",
        },
      ]);
    });
  });

  it("applies only to absent expectations", () => {
    expect(runCheck(check, "uqudo.faceSearchDelete", { status: 204 }, { kind: "present", resource: ID })).toEqual([]);
  });
});
