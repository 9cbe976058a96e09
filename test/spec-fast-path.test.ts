// The fast path (a first-error validator, findings only for what it rejects) must answer exactly as the reference
// path (every body through the allErrors + verbose validator) on the whole bench corpus, responses and requests.
import { describe, expect, it } from "vitest";
import { buildCorpus, buildRequestCorpus } from "../scripts/bench/corpus.ts";
import { loadSpecs } from "../src/openapi/index.ts";
import { loadReferenceSpecs } from "../src/openapi/load.ts";

const fast = loadSpecs();
const reference = loadReferenceSpecs();
const corpus = buildCorpus(fast);

describe("fast validation path", () => {
  it("the corpus holds valid and invalid bodies of every kind", () => {
    const invalid = corpus.filter((i) => fast.validateResponseBody(i.id, i.status, i.body, i.mediaType).length > 0);
    expect(corpus.length).toBeGreaterThan(1000);
    expect(invalid.length).toBeGreaterThan(300);
    expect(corpus.length - invalid.length).toBeGreaterThan(300);
  });

  it("gives the reference findings for every response body of the corpus", () => {
    const differing = corpus.filter(
      (i) =>
        JSON.stringify(fast.validateResponseBody(i.id, i.status, i.body, i.mediaType)) !==
        JSON.stringify(reference.validateResponseBody(i.id, i.status, i.body, i.mediaType)),
    );
    expect(differing.map((i) => `${i.id} ${i.status} ${i.text.slice(0, 80)}`)).toEqual([]);
  });

  it("gives the reference findings for recorded and documented request bodies and their mutants", () => {
    const bodies = buildRequestCorpus(fast);
    expect(bodies.length).toBeGreaterThan(100);
    let invalid = 0;
    for (const b of bodies) {
      const request = { headers: { "content-type": b.mediaType }, body: b.body };
      const got = fast.validateRequest(b.id, request);
      if (got.length) invalid++;
      expect(got).toEqual(reference.validateRequest(b.id, request));
    }
    expect(invalid).toBeGreaterThan(50);
    expect(bodies.length - invalid).toBeGreaterThan(20);
  });

  it("the reference really is a different path: it explains a valid body too, and finds nothing", () => {
    const valid = corpus.find(
      (i) => i.origin === "example" && fast.validateResponseBody(i.id, i.status, i.body, i.mediaType).length === 0,
    )!;
    expect(reference.validateResponseBody(valid.id, valid.status, valid.body, valid.mediaType)).toEqual([]);
  });
});
