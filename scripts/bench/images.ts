// (e) Image generation: time and peak memory for 4096×4096 and 4097×4097 JPEG and PNG and just-over-5 MB files,
// cold (a fresh EKYC_IMAGE_CACHE_DIR) and cached (a new process reading the same directory).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT, TSX, runChild } from "./lib.ts";

export const IMAGE_CASES = [
  { name: "JPEG 4096×4096", desc: { format: "jpeg", width: 4096, height: 4096 } },
  { name: "JPEG 4097×4097", desc: { format: "jpeg", width: 4097, height: 4097 } },
  { name: "PNG 4096×4096", desc: { format: "png", width: 4096, height: 4096 } },
  { name: "PNG 4097×4097", desc: { format: "png", width: 4097, height: 4097 } },
  {
    name: "JPEG 5 MB + 1 byte (1024²)",
    desc: { format: "jpeg", width: 1024, height: 1024, targetBytes: 5 * 1024 * 1024 + 1 },
  },
  {
    name: "PNG 5 MB + 1 byte (1024²)",
    desc: { format: "png", width: 1024, height: 1024, targetBytes: 5 * 1024 * 1024 + 1 },
  },
];

export interface ImageRow {
  name: string;
  bytes: number;
  cold: { ms: number[]; peakRssMb: number[] };
  cached: { ms: number[]; peakRssMb: number[] };
}

export async function imageBench(repetitions: number, log: (m: string) => void): Promise<ImageRow[]> {
  const rows: ImageRow[] = [];
  const worker = join(ROOT, "scripts", "bench", "image-worker.ts");
  for (const c of IMAGE_CASES) {
    const row: ImageRow = {
      name: c.name,
      bytes: 0,
      cold: { ms: [], peakRssMb: [] },
      cached: { ms: [], peakRssMb: [] },
    };
    for (let r = 0; r < repetitions; r++) {
      const dir = mkdtempSync(join(tmpdir(), "ekyc-bench-images-"));
      try {
        for (const phase of ["cold", "cached"] as const) {
          const run = await runChild(TSX, [worker, JSON.stringify(c.desc)], {
            env: { EKYC_IMAGE_CACHE_DIR: dir },
            timeoutMs: 180_000,
          });
          const line = run.stdout.trim().split("\n").at(-1) ?? "";
          if (run.code !== 0 || !line.startsWith("{"))
            throw new Error(`${c.name} ${phase}: exit ${run.code}: ${run.stderr.split("\n").slice(-3).join(" ")}`);
          const out = JSON.parse(line) as { ms: number; bytes: number };
          row.bytes = out.bytes;
          row[phase].ms.push(out.ms);
          row[phase].peakRssMb.push(run.peakRssMb);
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    rows.push(row);
    log(
      `images: ${c.name}: ${row.bytes} bytes, cold ${row.cold.ms.map((m) => m.toFixed(0)).join("/")} ms, cached ${row.cached.ms.map((m) => m.toFixed(1)).join("/")} ms, peak ${Math.max(...row.cold.peakRssMb).toFixed(0)} MB`,
    );
  }
  return rows;
}
