// (a) Response validation throughput on one fixed corpus: the kit's compiled validators vs peer OpenAPI response
// validators from npm, all given the same spec documents and bodies; agreement first, then timing; JSON.parse floor.
import ORV from "openapi-response-validator";
import { OpenAPIBackend } from "openapi-backend";
import { getHttpOperationsFromSpec } from "@stoplight/prism-http";
import { validateOutput } from "@stoplight/prism-http/dist/validator/index.js";
import type { LoadedSpecSet } from "../../src/openapi/index.ts";
import { buildCorpus, type CorpusItem } from "./corpus.ts";
import { compiled, rate } from "./lib.ts";

const { loadSpecs, loadReferenceSpecs } = await compiled<typeof import("../../src/openapi/load.ts")>("openapi/load");

export { buildCorpus, type CorpusItem };

type Obj = Record<string, any>;

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/**
 * The documents as the peers can compile them: OpenAPI 3.0.3 gives `nullable` meaning only next to `type`, and ajv 8
 * (inside every peer) refuses `"nullable" cannot be used without "type"`; a schema without `type` already admits null,
 * so dropping such a `nullable` keeps the meaning. Returns the copy and how many were dropped.
 */
export function peerCompatible(doc: Obj): { doc: Obj; dropped: number } {
  let dropped = 0;
  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(visit);
    if (!node || typeof node !== "object") return node;
    const out: Obj = {};
    for (const [k, v] of Object.entries(node as Obj)) out[k] = visit(v);
    if (out.nullable !== undefined && out.type === undefined && typeof out.nullable === "boolean") {
      delete out.nullable;
      dropped++;
    }
    return out;
  };
  return { doc: visit(doc) as Obj, dropped };
}

export interface Validator {
  name: string;
  /** true = valid. */
  check(item: CorpusItem): boolean;
}

export function kitValidator(
  spec: LoadedSpecSet = loadSpecs(),
  name = "kit (first-error ajv; findings for rejected bodies)",
): Validator {
  return { name, check: (i) => spec.validateResponseBody(i.id, i.status, i.body, i.mediaType).length === 0 };
}

/** The fast path against the reference path (allErrors + verbose for every body): same verdicts, same findings? */
function fastPathAgreement(fast: LoadedSpecSet, reference: LoadedSpecSet, corpus: CorpusItem[]): FastPathAgreement {
  let verdictDifferences = 0;
  let findingDifferences = 0;
  const samples: string[] = [];
  for (const i of corpus) {
    const a = fast.validateResponseBody(i.id, i.status, i.body, i.mediaType);
    const b = reference.validateResponseBody(i.id, i.status, i.body, i.mediaType);
    if ((a.length === 0) !== (b.length === 0)) verdictDifferences++;
    else if (JSON.stringify(a) !== JSON.stringify(b)) findingDifferences++;
    else continue;
    if (samples.length < 5) samples.push(`${i.id} ${i.status}: ${i.text.slice(0, 120)}`);
  }
  return { bodies: corpus.length, verdictDifferences, findingDifferences, samples };
}

export interface FastPathAgreement {
  bodies: number;
  verdictDifferences: number;
  findingDifferences: number;
  samples: string[];
}

function resolveRef(doc: Obj, node: Obj): Obj {
  let n = node;
  for (let hops = 0; n && typeof n.$ref === "string" && hops < 10; hops++) {
    n = n.$ref
      .slice(2)
      .split("/")
      .reduce((o: Obj, k: string) => o?.[k.replace(/~1/g, "/").replace(/~0/g, "~")], doc);
  }
  return n;
}

/** openapi-response-validator: one instance per operation, built from the raw document's responses and components. */
export function orvValidator(docs: Record<string, Obj>, items: CorpusItem[]): Validator {
  type Instance = { validateResponse(status: number, body: unknown): unknown };
  const Ctor = ((ORV as unknown as { default?: unknown }).default ?? ORV) as new (args: unknown) => Instance;
  const byOp = new Map<string, Instance>();
  for (const i of items) {
    if (byOp.has(i.id)) continue;
    const doc = docs[i.vendor]!;
    const operation = doc.paths[i.path][i.method.toLowerCase()] as Obj;
    const responses = Object.fromEntries(
      Object.entries(operation.responses as Obj).map(([s, r]) => [s, resolveRef(doc, r)]),
    );
    byOp.set(i.id, new Ctor({ responses, components: doc.components } as never));
  }
  return { name: `openapi-response-validator`, check: (i) => !byOp.get(i.id)!.validateResponse(i.status, i.body) };
}

export async function backendValidator(docs: Record<string, Obj>): Promise<Validator> {
  const apis = new Map<string, OpenAPIBackend>();
  for (const [vendor, doc] of Object.entries(docs)) {
    const api = new OpenAPIBackend({
      definition: clone(doc) as never,
      strict: false,
      quick: false,
      validate: true,
      ajvOpts: { strict: false },
    });
    await api.init();
    apis.set(vendor, api);
  }
  return {
    name: "openapi-backend",
    check: (i) => apis.get(i.vendor)!.validator.validateResponse(i.body, i.operationId, i.status).valid,
  };
}

export async function prismValidator(docs: Record<string, Obj>): Promise<Validator> {
  const ops = new Map<string, Obj>();
  for (const [vendor, doc] of Object.entries(docs)) {
    for (const op of await getHttpOperationsFromSpec(clone(doc)))
      ops.set(`${vendor} ${(op as Obj).iid ?? op.id}`, op as Obj);
  }
  const find = (i: CorpusItem) => {
    const key = `${i.vendor} ${i.operationId}`;
    let op = ops.get(key);
    if (!op) {
      op = [...ops.entries()].find(
        ([k, o]) => k.startsWith(`${i.vendor} `) && o.method === i.method.toLowerCase() && o.path === i.path,
      )?.[1];
      if (op) ops.set(key, op);
    }
    return op!;
  };
  return {
    name: "@stoplight/prism-http validateOutput",
    check: (i) => {
      const result = validateOutput({
        resource: find(i),
        element: { statusCode: i.status, headers: { "content-type": i.mediaType }, body: i.body },
      } as never) as Obj;
      if (result._tag === "Right") return true;
      // Body findings only (the corpus carries no documented headers); severity 0 = error.
      return !(result.left as Obj[]).some((d) => d.severity === 0 && Array.isArray(d.path) && d.path[0] === "body");
    },
  };
}

type Agreement = {
  validator: string;
  disagreements: number;
  kitValidPeerInvalid: number;
  kitInvalidPeerValid: number;
  samples: { id: string; status: number; kit: boolean; peer: boolean; text: string }[];
};

export interface ValidationFigures {
  corpus: {
    bodies: number;
    recorded: number;
    examples: number;
    mutants: number;
    operations: number;
    bytes: number;
    validPerKit: number;
  };
  /** Peers given the spec documents exactly as written. */
  asWritten: { setupErrors: Record<string, string>; agreement: Agreement[] };
  /** Peers given the documents with type-less `nullable` dropped (see peerCompatible); timing uses these. */
  compatible: { nullableDropped: number; setupErrors: Record<string, string>; agreement: Agreement[] };
  /** validations per second, by validator (one sample per repetition), over the whole corpus. */
  perSecond: Record<string, number[]>;
  jsonParsePerSecond: number[];
  /** The kit and JSON.parse on the bodies the kit finds valid only (no findings to build). */
  kitValidOnlyPerSecond: number[];
  jsonParseValidOnlyPerSecond: number[];
  setupMs: Record<string, number>;
  /** The kit's fast path vs its reference path on the whole corpus (checked before timing). */
  fastPath: FastPathAgreement;
}

function agreementOf(peer: Validator, corpus: CorpusItem[], kitVerdicts: boolean[]): Agreement {
  let a = 0;
  let b = 0;
  const samples: Agreement["samples"] = [];
  corpus.forEach((item, n) => {
    let verdict: boolean;
    try {
      verdict = peer.check(item);
    } catch {
      verdict = false;
    }
    if (verdict !== kitVerdicts[n]) {
      if (kitVerdicts[n]) a++;
      else b++;
      if (samples.length < 5)
        samples.push({
          id: item.id,
          status: item.status,
          kit: kitVerdicts[n]!,
          peer: verdict,
          text: item.text.slice(0, 160),
        });
    }
  });
  return { validator: peer.name, disagreements: a + b, kitValidPeerInvalid: a, kitInvalidPeerValid: b, samples };
}

async function peersFor(
  docs: Record<string, Obj>,
  corpus: CorpusItem[],
  setupMs?: Record<string, number>,
): Promise<{ peers: Validator[]; setupErrors: Record<string, string> }> {
  const peers: Validator[] = [];
  const setupErrors: Record<string, string> = {};
  for (const [name, make] of [
    ["openapi-response-validator", () => orvValidator(docs, corpus)],
    ["openapi-backend", () => backendValidator(docs)],
    ["@stoplight/prism-http validateOutput", () => prismValidator(docs)],
  ] as const) {
    const t = performance.now();
    try {
      peers.push(await make());
      if (setupMs) setupMs[name] = performance.now() - t;
    } catch (error) {
      setupErrors[name] = (error as Error).message.split("\n")[0]!.slice(0, 200);
    }
  }
  return { peers, setupErrors };
}

export async function validationBench(
  repetitions: number,
  minMs: number,
  log: (m: string) => void,
): Promise<ValidationFigures> {
  const spec = loadSpecs();
  const corpus = buildCorpus(spec);
  const raw = Object.fromEntries(spec.vendors.map((v) => [v, spec.document(v) as Obj]));
  let nullableDropped = 0;
  const compatibleDocs = Object.fromEntries(
    Object.entries(raw).map(([v, d]) => {
      const c = peerCompatible(d);
      nullableDropped += c.dropped;
      return [v, c.doc];
    }),
  );
  const setupMs: Record<string, number> = {};
  const kit = kitValidator(spec);
  const reference = kitValidator(loadReferenceSpecs(), "kit before the fast path (allErrors + verbose for every body)");
  const fastPath = fastPathAgreement(spec, loadReferenceSpecs(), corpus);
  log(
    `validation: fast path vs reference on ${fastPath.bodies} bodies: ${fastPath.verdictDifferences} verdict and ${fastPath.findingDifferences} finding differences`,
  );
  const kitVerdicts = corpus.map((i) => kit.check(i));
  const written = await peersFor(raw, corpus);
  const asWritten = {
    setupErrors: written.setupErrors,
    agreement: written.peers.map((p) => agreementOf(p, corpus, kitVerdicts)),
  };
  const { peers, setupErrors } = await peersFor(compatibleDocs, corpus, setupMs);
  const compatible = { nullableDropped, setupErrors, agreement: peers.map((p) => agreementOf(p, corpus, kitVerdicts)) };
  for (const [n, e] of Object.entries(setupErrors)) log(`validation: peer ${n} could not be set up: ${e}`);

  const perSecond: Record<string, number[]> = { [kit.name]: [], [reference.name]: [] };
  for (const p of peers) perSecond[p.name] = [];
  const jsonParsePerSecond: number[] = [];
  const kitValidOnlyPerSecond: number[] = [];
  const jsonParseValidOnlyPerSecond: number[] = [];
  const texts = corpus.map((i) => i.text);
  const validItems = corpus.filter((_, n) => kitVerdicts[n]);
  const validTexts = validItems.map((i) => i.text);
  let sink = 0;
  const safe = (v: Validator) => (i: CorpusItem) => {
    try {
      return v.check(i);
    } catch {
      return false;
    }
  };
  const over = (items: CorpusItem[], check: (i: CorpusItem) => boolean) => () => {
    for (const i of items) if (check(i)) sink++;
    return items.length;
  };
  const parse = (list: string[]) => () => {
    for (const t of list) if (JSON.parse(t) !== undefined) sink++;
    return list.length;
  };
  // Each repetition interleaves every contender in short slices (rotating the order), so a machine whose load
  // changes mid-run slows all of them alike and the ratios stay meaningful.
  const contenders: { key: string; body: () => number }[] = [
    ...[kit, reference, ...peers].map((v) => ({ key: v.name, body: over(corpus, safe(v)) })),
    { key: "JSON.parse", body: parse(texts) },
    { key: "kit valid only", body: over(validItems, kit.check) },
    { key: "JSON.parse valid only", body: parse(validTexts) },
  ];
  const slices = 8;
  for (const c of contenders) c.body();
  for (let r = 0; r < repetitions; r++) {
    const totals = new Map(contenders.map((c) => [c.key, { ops: 0, ms: 0 }]));
    for (let k = 0; k < slices; k++) {
      const order = k % 2 ? [...contenders].reverse() : contenders;
      for (const c of order) {
        const t = rate(c.body, minMs / slices, false);
        const acc = totals.get(c.key)!;
        acc.ops += t.ops;
        acc.ms += t.ms;
      }
    }
    const per = (key: string) => (totals.get(key)!.ops / totals.get(key)!.ms) * 1000;
    for (const v of [kit, reference, ...peers]) perSecond[v.name]!.push(per(v.name));
    jsonParsePerSecond.push(per("JSON.parse"));
    kitValidOnlyPerSecond.push(per("kit valid only"));
    jsonParseValidOnlyPerSecond.push(per("JSON.parse valid only"));
    log(
      `validation: repetition ${r + 1}/${repetitions}: ${Object.entries(perSecond)
        .map(([k, v]) => `${k.split(" ")[0]} ${Math.round(v.at(-1)!)}/s`)
        .join(", ")}, JSON.parse ${Math.round(jsonParsePerSecond.at(-1)!)}/s`,
    );
  }
  if (sink < 0) log("unreachable");
  return {
    corpus: {
      bodies: corpus.length,
      recorded: corpus.filter((i) => i.origin === "recorded").length,
      examples: corpus.filter((i) => i.origin === "example").length,
      mutants: corpus.filter((i) => i.origin === "mutant").length,
      operations: new Set(corpus.map((i) => i.id)).size,
      bytes: texts.reduce((s, t) => s + t.length, 0),
      validPerKit: validItems.length,
    },
    asWritten,
    compatible,
    perSecond,
    jsonParsePerSecond,
    kitValidOnlyPerSecond,
    jsonParseValidOnlyPerSecond,
    setupMs,
    fastPath,
  };
}
