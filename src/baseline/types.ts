// A baseline lists deviations a team has accepted for now, so they are shown but do not fail the gate.

export interface BaselineMatch {
  /** Substring of Finding.message. */
  message?: string;
  /** Exact JSON pointer of one of the finding's schema findings. */
  pointer?: string;
  /** Business code: the finding's actual value, its `actual.code`, or a schema finding's actual value. */
  code?: string;
}

export interface BaselineEntry {
  /** Global operation id, e.g. `advance.enroll`. */
  operation: string;
  check: string;
  /** Every given field must match; `{}` accepts any finding of this operation and check. */
  match: BaselineMatch;
  /** Why this is accepted (a ticket, a vendor answer). Required: an unexplained suppression is a hidden failure. */
  reason: string;
  /** Last day (YYYY-MM-DD, inclusive) the entry suppresses; after it, the finding fails again and the entry is reported. */
  expires?: string;
}

export interface Baseline {
  /** File it came from, for messages. */
  source?: string;
  entries: BaselineEntry[];
}

export interface ExpiredEntry {
  index: number;
  entry: BaselineEntry;
  /** Findings it would have suppressed had it not expired. */
  wouldMatch: number;
}

export interface UnusedEntry {
  index: number;
  entry: BaselineEntry;
}

/** What applying a baseline found out about the baseline itself (the report shows it). */
export interface BaselineOutcome {
  source?: string;
  /** Entries in force that suppressed at least one finding, with the count. */
  applied: { index: number; entry: BaselineEntry; matched: number }[];
  expired: ExpiredEntry[];
  /** Entries in force that matched nothing: the deviation no longer occurs, so the entry can go. */
  unused: UnusedEntry[];
}
