// The command line's exit codes, in a module of their own so `--help` and usage errors need nothing heavier.
export const EXIT = { conforming: 0, deviations: 1, error: 2 } as const;
