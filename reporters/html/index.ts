export { contentSecurityPolicy, HTML_FILE, renderHtml, writeHtmlReport, type HtmlOptions } from "./render.ts";
export { attr, httpsUrl, text } from "./escape.ts";

import type { Reporter } from "../types.ts";
import { writeHtmlReport } from "./render.ts";

export const htmlReporter: Reporter = {
  label: "HTML report",
  write: (results, { out, previous, baseline }) =>
    writeHtmlReport(out, results, { ...(previous ? { previous } : {}), ...(baseline ? { baseline } : {}) }),
};
