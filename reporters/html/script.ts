// The report's one inline script. It reads only data-* attributes and textContent and writes only classes, hidden
// flags and textContent (never innerHTML), so vendor text cannot become code. The CSP allows exactly this script by hash.
import { createHash } from "node:crypto";

export const SCRIPT = `(function () {
  "use strict";
  var $ = function (id) { return document.getElementById(id); };
  var filters = $("filters"), vendorSel = $("f-vendor"), statusSel = $("f-status"), search = $("f-search");
  var count = $("f-count"), cellBox = $("cell-filter"), cellName = $("cell-filter-name"), cellClear = $("cell-clear");
  if (!filters) return;
  filters.hidden = false;
  var cases = Array.prototype.slice.call(document.querySelectorAll("details.case"));
  var vendorScoped = Array.prototype.slice.call(document.querySelectorAll("[data-vendor]:not(details.case)"));
  var groups = Array.prototype.slice.call(document.querySelectorAll("section.group"));
  var haystack = new Map();
  cases.forEach(function (el) { haystack.set(el, (el.textContent || "").toLowerCase()); });
  var cell = "";

  function apply() {
    var v = vendorSel.value, s = statusSel.value, q = search.value.trim().toLowerCase(), shown = 0;
    cases.forEach(function (el) {
      var ok = (!v || el.getAttribute("data-vendor") === v) &&
        (!s || (s === "baselined" ? el.getAttribute("data-baselined") === "1" : el.getAttribute("data-status") === s)) &&
        (!cell || (" " + el.getAttribute("data-cells") + " ").indexOf(" " + cell + " ") >= 0) &&
        (!q || haystack.get(el).indexOf(q) >= 0);
      el.classList.toggle("hidden", !ok);
      if (ok) shown++;
    });
    vendorScoped.forEach(function (el) { el.classList.toggle("hidden", !!v && el.getAttribute("data-vendor") !== v); });
    groups.forEach(function (g) { g.classList.toggle("hidden", !g.querySelector("details.case:not(.hidden)")); });
    count.textContent = "Showing " + shown + " of " + cases.length + " cases";
    cellBox.hidden = !cell;
  }

  document.addEventListener("click", function (ev) {
    var a = ev.target && ev.target.closest ? ev.target.closest("a[data-cell]") : null;
    if (!a) return;
    ev.preventDefault();
    cell = a.getAttribute("data-cell") || "";
    cellName.textContent = a.getAttribute("data-label") || cell;
    statusSel.value = "";
    search.value = "";
    apply();
    var target = $((a.getAttribute("href") || "#").slice(1));
    if (target) {
      cases.forEach(function (el) { el.classList.remove("focus"); });
      target.open = true;
      target.classList.add("focus");
      target.scrollIntoView({ block: "start" });
    }
  });
  cellClear.addEventListener("click", function () { cell = ""; apply(); });
  vendorSel.addEventListener("change", apply);
  statusSel.addEventListener("change", apply);
  search.addEventListener("input", apply);
  apply();
})();`;

/** CSP source for SCRIPT, computed from the exact text placed between the script tags. */
export function scriptHash(script: string = SCRIPT): string {
  return `'sha256-${createHash("sha256").update(script, "utf8").digest("base64")}'`;
}
