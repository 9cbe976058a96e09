// The speed targets (issue 14), as data: each names a key of `medians` in docs/benchmarks.json. A section that
// measures a new key adds its row here; render.ts states every row as met, not met or not measured.
export interface Target {
  key: string;
  label: string;
  unit: string;
  op: "<=" | "<" | ">=";
  limit: number;
}

export const TARGETS: Target[] = [
  {
    key: "offline_run_s",
    label: "offline run (`run --target fixtures`, warm image cache)",
    unit: "s",
    op: "<=",
    limit: 5,
  },
  {
    key: "offline_peak_rss_mb",
    label: "offline run peak RSS (sum over the process tree)",
    unit: "MB",
    op: "<",
    limit: 400,
  },
  { key: "main_job_s", label: "main job (`run` against the embedded sandbox)", unit: "s", op: "<=", limit: 8 },
  {
    key: "validation_ratio_vs_best_peer",
    label: "validation rate ÷ the fastest peer's (same corpus, same verdicts)",
    unit: "×",
    op: ">=",
    limit: 1,
  },
  {
    key: "validation_ratio_vs_json_parse",
    label: "validation time ÷ JSON.parse time of the same bodies",
    unit: "×",
    op: "<=",
    limit: 1.5,
  },
  {
    key: "fuzz_ratio_vs_bare_client",
    label: "fuzz requests/s ÷ a bare client's, over the same requests",
    unit: "×",
    op: ">=",
    limit: 0.8,
  },
  { key: "cli_help_s", label: "`node <installed bin> --help`, cold", unit: "s", op: "<=", limit: 0.3 },
  {
    key: "package_tarball_kb",
    label: "`npm pack` tarball (kB of 1,000 bytes, as npm prints it)",
    unit: "kB",
    op: "<=",
    limit: 250,
  },
];

export function meets(t: Target, value: number | undefined): boolean | undefined {
  if (value === undefined || !Number.isFinite(value)) return undefined;
  return t.op === "<=" ? value <= t.limit : t.op === "<" ? value < t.limit : value >= t.limit;
}
