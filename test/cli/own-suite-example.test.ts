// Runs docs/examples/own-suite.test.ts (the documented way a team uses the package root in its own vitest suite)
// as part of the kit's unit tests, so the example cannot rot: its tests register under this file.
import "../../docs/examples/own-suite.test.ts";
