// Child of the images benchmark: renders one description (argv[2], JSON) and prints {ms, bytes, renders}.
// Peak memory is sampled by the parent; the cache directory comes from EKYC_IMAGE_CACHE_DIR.
const t0 = performance.now();
const { renderImage, cacheStats } = await import("../../src/images/index.ts");
const importMs = performance.now() - t0;
const desc = JSON.parse(process.argv[2]!);
const t = performance.now();
const bytes = await renderImage(desc);
const ms = performance.now() - t;
process.stdout.write(
  JSON.stringify({
    ms,
    importMs,
    bytes: bytes.length,
    renders: cacheStats.renders,
    diskHits: cacheStats.diskHits,
    rssMb: process.memoryUsage().rss / 2 ** 20,
  }) + "\n",
);
