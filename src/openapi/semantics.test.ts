import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_SPEC_DIR, SpecError, loadSpecText } from "./index.ts";
import { matchPath } from "./semantics.ts";

const text = (vendor: string) => readFileSync(path.join(DEFAULT_SPEC_DIR, `${vendor}.yaml`), "utf8");

/** Loads `vendor`'s spec with `from` replaced by `to`; returns the one-line error and the line `to` landed on. */
function broken(vendor: string, from: string, to: string): { message: string; line: number } {
  const source = text(vendor);
  expect(source).toContain(from);
  const edited = source.replace(from, to);
  const line = edited.split("\n").findIndex((l) => l.includes(to.split("\n")[0]!.trim())) + 1;
  try {
    loadSpecText(edited, `specs/${vendor}.yaml`);
  } catch (error) {
    expect(error).toBeInstanceOf(SpecError);
    expect((error as Error).message).not.toContain("\n");
    return { message: (error as Error).message, line };
  }
  throw new Error("expected a SpecError");
}

describe("operation semantics read from the specs", () => {
  it("reads each vendor's resources, retry safety and envelope", () => {
    const advance = loadSpecText(text("advance"), "specs/advance.yaml");
    expect(advance.operation("advance.enroll").resource).toEqual({
      kind: "user",
      effect: "create",
      keys: { userId: "body" },
      id: "userId",
      when: [],
      gone: [],
      undo: { operation: "advance.deleteEnroll", body: { userId: ["userId"] } },
    });
    expect(advance.operation("advance.deleteEnroll")).toMatchObject({
      retry: "delete",
      resource: { gone: [{ code: "PARAMETER_ERROR" }] },
    });
    expect(advance.operation("advance.getEnroll")).toMatchObject({
      retry: "safe",
      envelope: { code: "/code", message: "/message", success: { code: "SUCCESS" }, nullOnFailure: ["/data"] },
    });
    expect(advance.operation("advance.enroll").limits.response["transactionId"]).toMatchObject({ maxLength: 64 });
    const zoloz = loadSpecText(text("zoloz"), "specs/zoloz.yaml");
    expect(zoloz.operation("zoloz.connectEnroll")).toMatchObject({
      retry: "unsafe",
      envelope: {
        status: "/result/resultStatus",
        decidedBy: "status",
        successOnly: ["/transactionId"],
        optional: false,
      },
      limits: { request: { bizId: { maxLength: 32 }, userId: { maxLength: 64 } } },
    });
    expect(zoloz.operation("zoloz.authenticationTest").envelope).toMatchObject({ optional: true, successOnly: [] });
    const uqudo = loadSpecText(text("uqudo"), "specs/uqudo.yaml");
    expect(uqudo.operation("uqudo.faceSearch").resource?.when).toEqual([
      { in: "request", pointer: "/insert", equals: true },
      { in: "response", pointer: "/oneToNVerificationMatch", notEquals: true },
    ]);
    expect(uqudo.operation("uqudo.faceSearchDelete").resource?.keys).toEqual({ oneToNVerificationId: "path" });
    expect(uqudo.operation("uqudo.faceMatch").limits.request["minimumMatchLevel"]).toEqual({
      type: "integer",
      minimum: 1,
      maximum: 5,
      default: 3,
    });
    expect(uqudo.operation("uqudo.faceMatch").envelope).toEqual({
      success: {},
      optional: false,
      successOnly: [],
      nullOnFailure: [],
    });
  });

  it("a create without undo, or an undo naming no delete", () => {
    const noUndo = broken("advance", ", undo: { operation: deleteEnroll, body: { userId: userId } } }", " }");
    expect(noUndo.message).toMatch(/^specs\/advance\.yaml:\d+: the create "enroll" names no undo — add undo:/);
    const e = broken("advance", "undo: { operation: deleteEnroll,", "undo: { operation: deleteEnrol,");
    expect(e.message).toBe(
      `specs/advance.yaml:${e.line}: undo names operation "deleteEnrol", which is not an operationId here — use one of: generateToken, getEnroll, enroll, deleteEnroll, getLatestSessionResult`,
    );
    const notDelete = broken("advance", "undo: { operation: deleteEnroll,", "undo: { operation: getEnroll,");
    expect(notDelete.message).toMatch(/undo operation "getEnroll" is not an x-resource delete of kind user/);
  });

  it("undo values must name keys; keys must say where they are read", () => {
    expect(broken("advance", "body: { userId: userId } }", "body: { userId: user } }").message).toMatch(
      /undo names key "user", which is not in keys — use one of: userId/,
    );
    expect(
      broken(
        "advance",
        "x-resource: { kind: user, effect: create, keys: { userId: body }",
        "x-resource: { kind: user, effect: create, keys: { userId: header }",
      ).message,
    ).toMatch(/key "userId" is read from "header" — use one of body, path, query, response/);
    expect(
      broken("uqudo", "keys: { oneToNVerificationId: path }", "keys: { faceId: path }, id: faceId").message,
    ).toMatch(
      /key "faceId" is read from the path, but \/api\/v1\/face\/one-to-n\/search\/\{oneToNVerificationId\} has no \{faceId\}/,
    );
  });

  it("an unknown effect, a gone code the delete does not document, safe on a create", () => {
    const effect = broken("advance", "kind: user, effect: delete", "kind: user, effect: remove");
    expect(effect.message).toBe(
      `specs/advance.yaml:${effect.line}: x-resource effect is "remove" — use one of create, delete, read`,
    );
    expect(broken("advance", "gone: [{ code: PARAMETER_ERROR }]", "gone: [{ code: NOT_FOUND }]").message).toMatch(
      /gone code NOT_FOUND is not a documented code of "deleteEnroll"/,
    );
    expect(broken("uqudo", "gone: [{ status: 404 }]", "gone: [{ status: 410 }]").message).toMatch(
      /gone status 410 is not a documented status of "faceSearchDelete"/,
    );
    expect(
      broken("zoloz", "      operationId: connectEnroll\n", "      operationId: connectEnroll\n      x-retry: safe\n")
        .message,
    ).toMatch(/a create is never safe to retry blindly — remove x-retry: safe/);
  });

  it("x-envelope pointers and the success rule", () => {
    const pointer = broken("advance", "  code: /code\n", "  code: code\n");
    expect(pointer.message).toBe(
      `specs/advance.yaml:${pointer.line}: x-envelope code "code" is not a JSON pointer — start it with "/", e.g. "/code"`,
    );
    expect(broken("zoloz", "  status: /result/resultStatus\n", "").message).toMatch(
      /x-envelope success\.status is given but x-envelope has no status pointer — add status: <pointer>/,
    );
    expect(broken("zoloz", "  decidedBy: status\n", "  decidedBy: message\n").message).toMatch(
      /x-envelope decidedBy is "message" — use code or status/,
    );
    expect(broken("uqudo", "x-envelope: {}", "x-envelope: { sucess: {} }").message).toMatch(
      /x-envelope has an unknown field "sucess" — use only code, message, status, success/,
    );
  });

  it("matchPath reads path parameters and refuses other paths", () => {
    expect(matchPath("/a/{id}/b", "/a/x%2Fy/b?q=1")).toEqual({ id: "x/y" });
    expect(matchPath("/a/{id}", "/a/x/b")).toBeUndefined();
    expect(matchPath("/a.b", "/aXb")).toBeUndefined();
  });
});
