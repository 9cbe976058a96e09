// `run --case <id>`: the vitest test-name pattern of one case id. Ids are `<operation>/<slug>`; the tests are named
// `<slug>` (declared cases), `flow: <slug>` (flows) and `fuzz: <family>` (fuzz id `fuzz-<family>`), see define.ts.
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export function testNamePatternFor(caseIdOrName: string): string {
  const slash = caseIdOrName.lastIndexOf("/");
  const operation = slash > 0 ? caseIdOrName.slice(0, slash) : undefined;
  const slug = slash > 0 ? caseIdOrName.slice(slash + 1) : caseIdOrName;
  const names = [slug, `flow: ${slug}`, ...(slug.startsWith("fuzz-") ? [`fuzz: ${slug.slice(5)}`] : [])];
  // vitest matches the full name, `<describe> <test>`; the describe is the suite's operation.
  return `${operation ? `^${escape(operation)} ` : "(?:^| )"}(?:${names.map(escape).join("|")})$`;
}
