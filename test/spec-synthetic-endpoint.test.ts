// A new endpoint that creates something needs no code beyond its spec: this test copies the specs, adds a synthetic
// ADVANCE "pet" API (a create and its delete, described only in YAML with x-resource) and runs it through the kit on
// the live path against a small HTTP server written here: load and validate, the journal (intent written before the
// create goes out, struck off by the delete), the cleanup after a case and the `cleanup` of a crashed run (both built
// from x-resource undo), retry safety, and the checks, which catch the server when it answers out of contract.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runChecks } from "../src/checks/index.ts";
import { configFromEnv } from "../src/config/index.ts";
import { Journal, readJournal, undoRequest } from "../src/reliability/journal.ts";
import { DEFAULT_SPEC_DIR, clearSpecCache, loadSpecs, type LoadedSpecSet } from "../src/openapi/index.ts";
import { cleanupFor } from "../src/suite/cleanup.ts";
import { redactorFor } from "../src/suite/run-context.ts";
import { createTransport } from "../src/transport/index.ts";
import type { Exchange, RequestSpec, Transport } from "../src/types.ts";

const PET_API = `
  /synthetic/v1/pet/create:
    post:
      operationId: createPet
      x-doc-page: face-auth-save-enroll-api
      security: [{ accessToken: [] }]
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [petId]
              properties:
                petId: { type: string, minLength: 1, maxLength: 16 }
      responses:
        "200":
          description: The envelope.
          content:
            application/json:
              schema: { $ref: "#/components/schemas/Envelope" }
      x-business-codes:
        - { code: SUCCESS, messages: ["OK"], source: face-auth-save-enroll-api }
        - { code: PARAMETER_ERROR, messages: ["petId is too long", "Pet not found"], source: face-auth-save-enroll-api }
      x-rejections:
        - { violation: "too-long:petId", status: 200, code: PARAMETER_ERROR, message: "petId is too long", inferred: true }
      x-resource: { kind: pet, effect: create, keys: { petId: body }, undo: { operation: deletePet, body: { petId: petId } } }
  /synthetic/v1/pet/delete:
    post:
      operationId: deletePet
      x-doc-page: face-auth-delete-enroll-api
      security: [{ accessToken: [] }]
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [petId]
              properties:
                petId: { type: string, minLength: 1 }
      responses:
        "200":
          description: The envelope.
          content:
            application/json:
              schema: { $ref: "#/components/schemas/Envelope" }
      x-business-codes:
        - { code: SUCCESS, messages: ["OK"], source: face-auth-delete-enroll-api }
        - { code: PARAMETER_ERROR, messages: ["Pet not found"], source: face-auth-delete-enroll-api }
      x-resource: { kind: pet, effect: delete, keys: { petId: body }, gone: [{ code: PARAMETER_ERROR }] }
`;

/** The vendor's pets, and how the server misbehaves when asked to. */
const pets = new Set<string>();
let broken = false;

function answer(code: string, message: string): string {
  return JSON.stringify({
    code,
    message,
    data: null,
    extra: null,
    transactionId: "0123456789abcdef",
    pricingStrategy: "FREE",
  });
}

function petServer(): Server {
  return createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as { petId?: string };
      const petId = String(body.petId ?? "");
      let text: string;
      if (req.headers["x-access-token"] !== "pet-token") text = answer("IAM_FAILED", "Token not found or expired");
      else if (req.url === "/synthetic/v1/pet/create") {
        if (petId.length > 16 && !broken) text = answer("PARAMETER_ERROR", "petId is too long");
        else {
          pets.add(petId);
          text = broken ? answer("CREATED", "OK") : answer("SUCCESS", "OK");
        }
      } else if (req.url === "/synthetic/v1/pet/delete")
        text = pets.delete(petId) ? answer("SUCCESS", "OK") : answer("PARAMETER_ERROR", "Pet not found");
      else {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { "content-type": "application/json" }).end(text);
    });
  });
}

let dir: string;
let server: Server;
let spec: LoadedSpecSet;
let transport: Transport;
let journalFile: string;
const saved = { specs: process.env["CONFORMANCE_SPECS_DIR"], journal: process.env["CONFORMANCE_JOURNAL"] };

async function send(request: RequestSpec, caseId = "pets/case"): Promise<Exchange> {
  return transport.send(request, { caseId });
}

const create = (petId: string): RequestSpec => ({
  operationId: "advance.createPet",
  body: { kind: "json", value: { petId } },
});
const judge = (exchange: Exchange, expectation: Parameters<typeof runChecks>[0]["expectation"] = { kind: "accept" }) =>
  runChecks({ exchange, operation: spec.operation(exchange.operationId), spec, expectation }).findings.filter(
    (f) => f.severity === "failure",
  );

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "ekyc-synthetic-"));
  cpSync(DEFAULT_SPEC_DIR, join(dir, "specs"), { recursive: true });
  const file = join(dir, "specs", "advance.yaml");
  writeFileSync(file, readFileSync(file, "utf8").replace(/^paths:\n/m, `paths:\n${PET_API}`));
  journalFile = join(dir, "journal.jsonl");
  process.env["CONFORMANCE_SPECS_DIR"] = join(dir, "specs");
  process.env["CONFORMANCE_JOURNAL"] = journalFile;
  clearSpecCache();
  spec = loadSpecs();
  server = petServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const config = {
    ...configFromEnv({}),
    target: "live" as const,
    vendors: ["advance" as const],
    advance: { baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, accessToken: "pet-token" },
  };
  transport = createTransport(config, { spec, redactor: redactorFor(config), fixturesDir: join(dir, "fixtures") });
});

afterAll(async () => {
  await transport?.close();
  await new Promise((resolve) => server?.close(resolve));
  for (const [name, value] of [
    ["CONFORMANCE_SPECS_DIR", saved.specs],
    ["CONFORMANCE_JOURNAL", saved.journal],
  ] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  clearSpecCache();
  rmSync(dir, { recursive: true, force: true });
});

describe("a synthetic endpoint added to a copy of the specs, with no other code change", () => {
  it("loads with its semantics: a create undone by its delete, never retried blindly", () => {
    expect(spec.operation("advance.createPet").resource).toMatchObject({
      kind: "pet",
      effect: "create",
      undo: { operation: "advance.deletePet" },
    });
    expect(spec.operation("advance.createPet").retry).toBe("unsafe");
    expect(spec.operation("advance.deletePet").retry).toBe("delete");
    expect(spec.operation("advance.createPet").limits.request["petId"]).toMatchObject({ maxLength: 16 });
    expect(spec.validateRequest("advance.createPet", { body: { petId: "x".repeat(17) } })).toEqual([
      expect.objectContaining({ pointer: "/petId", keyword: "maxLength" }),
    ]);
  });

  it("journals the create before it goes out, and the cleanup after the case deletes it and strikes it off", async () => {
    const created = await send(create("pet-1"));
    expect(judge(created)).toEqual([]);
    expect(readJournal(journalFile).map((e) => [e.key, e.ids])).toEqual([["advance:pet:pet-1", { petId: "pet-1" }]]);
    const undo = cleanupFor(created, spec);
    expect(undo).toEqual([{ operationId: "advance.deletePet", body: { kind: "json", value: { petId: "pet-1" } } }]);
    const deleted = await send(undo[0]!);
    expect(judge(deleted)).toEqual([]);
    expect(pets.has("pet-1")).toBe(false);
    expect(readJournal(journalFile)).toEqual([]);
  });

  it("what a crashed run left is deleted from the journal alone; a delete of what is already gone also strikes it off", async () => {
    await send(create("pet-2"), "pets/crashed");
    const [entry] = readJournal(journalFile);
    expect(entry).toMatchObject({ key: "advance:pet:pet-2", operationId: "advance.createPet", caseId: "pets/crashed" });
    pets.delete("pet-2"); // someone deleted it meanwhile: the vendor's "Pet not found" means gone
    const journal = new Journal(journalFile);
    journal.adopt([entry!]);
    const gone = await send(undoRequest(entry!, spec), "cleanup/pets/crashed");
    expect(gone.response.json).toMatchObject({ code: "PARAMETER_ERROR" });
    expect(readJournal(journalFile)).toEqual([]);
  });

  it("the checks hold it to its spec: a documented rejection passes, an undocumented code or an accepted too-long id fails", async () => {
    const tooLong = "p".repeat(17);
    const reject = { kind: "reject" as const, violations: [`too-long:petId`] };
    expect(judge(await send(create(tooLong)), reject)).toEqual([]);
    broken = true;
    try {
      const accepted = await send(create(tooLong));
      expect(judge(accepted, reject).map((f) => f.check)).toEqual(
        expect.arrayContaining(["negative_data_rejection", "envelope_conformance"]),
      );
      expect(judge(accepted, reject).find((f) => f.check === "envelope_conformance")).toMatchObject({
        pointer: "/code",
        actual: "CREATED",
      });
    } finally {
      broken = false;
      for (const petId of [...pets])
        await send(undoRequest({ operationId: "advance.createPet", ids: { petId } }, spec));
    }
    expect(pets.size).toBe(0);
  });

  it("a broken x-resource is one line naming the file, line and fix", () => {
    const bad = readFileSync(join(dir, "specs", "advance.yaml"), "utf8").replace(
      "undo: { operation: deletePet,",
      "undo: { operation: deletePets,",
    );
    const badDir = join(dir, "bad");
    cpSync(join(dir, "specs"), badDir, { recursive: true });
    writeFileSync(join(badDir, "advance.yaml"), bad);
    expect(() => loadSpecs(badDir)).toThrow(
      /advance\.yaml:\d+: undo names operation "deletePets", which is not an operationId here — use one of: .*deletePet/,
    );
    expect(() => loadSpecs(badDir)).not.toThrow(/\n/);
  });
});
