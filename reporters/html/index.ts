export { contentSecurityPolicy, HTML_FILE, renderHtml, writeHtmlReport, type HtmlOptions } from "./render.ts";
export { attr, httpsUrl, text } from "./escape.ts";
