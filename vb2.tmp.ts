import { loadSpecs } from "./dist/src/openapi/index.js";
import { buildCorpus } from "./scripts/bench/corpus.ts";
const spec = loadSpecs();
const corpus = buildCorpus(spec as any);
const broken = corpus.filter(i => spec.validateResponseBody(i.id, i.status, i.body, i.mediaType).length > 0);
let t = performance.now(); let n = 0;
while (performance.now() - t < 4000) { for (const i of broken) spec.validateResponseBody(i.id, i.status, i.body, i.mediaType); n++; }
console.log("broken µs/body", ((performance.now() - t) * 1000 / (n * broken.length)).toFixed(2));
