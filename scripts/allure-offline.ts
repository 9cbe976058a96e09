// Post-step of `npm run report:allure`: makes the generated Allure 3 report self-contained and silent.
// Allure's awesome plugin always embeds Google Analytics (a googletagmanager <script src> and an inline gtag()
// config); a conformance report opened from a CI artifact must make no outbound request, so both are removed.
// Any other external <script src>/<link href> is removed too, and the step fails if one survives.
//
//   tsx scripts/allure-offline.ts [report-dir]    (default: allure-report)
import { readdirSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** True for a URL that leaves the file: http(s) or protocol-relative. */
const isExternal = (url: string): boolean => /^\s*(?:https?:)?\/\//i.test(url);

function attribute(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, "i").exec(tag);
  return m ? (m[1] ?? m[2] ?? m[3]) : undefined;
}

/** Removes analytics and every external script/link from one HTML document; returns what was removed. */
export function stripExternal(html: string): { html: string; removed: string[] } {
  const removed: string[] = [];
  let out = "";
  let at = 0;
  const lower = html.toLowerCase();
  const opener = /<(script|link)\b/gi;
  // Scan tag by tag, not with one big regex: the report inlines megabytes of base64 in its script tags.
  for (;;) {
    opener.lastIndex = at;
    const open = opener.exec(html);
    if (!open) break;
    const start = open.index;
    const tagEnd = html.indexOf(">", start);
    if (tagEnd < 0) break;
    const tag = html.slice(start, tagEnd + 1);
    const isScript = /^<script/i.test(tag);
    let end = tagEnd + 1;
    let body = "";
    if (isScript) {
      const close = lower.indexOf("</script>", tagEnd + 1);
      end = close < 0 ? html.length : close + "</script>".length;
      body = html.slice(tagEnd + 1, close < 0 ? html.length : close);
    }
    const url = attribute(tag, isScript ? "src" : "href");
    const external = url !== undefined && isExternal(url);
    const analytics = isScript && !url && /\bgtag\s*\(|\bdataLayer\b/.test(body) && body.length < 4096;
    out += html.slice(at, start);
    if (external || analytics)
      removed.push(external ? `${isScript ? "script" : "link"} ${url}` : "inline gtag() config");
    else out += html.slice(start, end);
    at = end;
  }
  out += html.slice(at);
  return { html: out, removed };
}

/** External script sources and link targets still in the document (should be none). */
export function externalReferences(html: string): string[] {
  const refs: string[] = [];
  for (const m of html.matchAll(/<(script|link|img|iframe)\b[^>]*>/gi)) {
    const url = attribute(m[0], m[1]!.toLowerCase() === "link" ? "href" : "src");
    if (url !== undefined && isExternal(url)) refs.push(`${m[1]!.toLowerCase()} ${url}`);
  }
  if (/googletagmanager\.com/i.test(html)) refs.push("googletagmanager.com mentioned");
  return refs;
}

export function makeOffline(dir: string): { files: string[]; removed: string[] } {
  const files = readdirSync(dir).filter((f) => f.endsWith(".html"));
  if (files.length === 0) throw new Error(`${dir}: no HTML report found (run \`allure generate\` first)`);
  const removed: string[] = [];
  for (const file of files) {
    const path = join(dir, file);
    const result = stripExternal(readFileSync(path, "utf8"));
    const left = externalReferences(result.html);
    if (left.length) throw new Error(`${path}: still references ${left.join(", ")}`);
    writeFileSync(path, result.html);
    removed.push(...result.removed.map((r) => `${file}: ${r}`));
  }
  return { files, removed };
}

// Run as a script (also through a symlinked scripts/ folder), not when imported by a test.
if (process.argv[1] && realpathSync(resolve(process.argv[1])) === realpathSync(fileURLToPath(import.meta.url))) {
  const dir = resolve(process.argv[2] ?? "allure-report");
  try {
    const { files, removed } = makeOffline(dir);
    process.stdout.write(
      `allure-offline: ${files.join(", ")} in ${dir}: removed ${removed.length ? removed.join("; ") : "nothing"}\n`,
    );
  } catch (error) {
    process.stderr.write(`allure-offline: ${(error as Error).message}\n`);
    process.exitCode = 1;
  }
}
