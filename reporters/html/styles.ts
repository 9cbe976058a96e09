// Inline CSS: system fonts only, no url() anywhere (CSP has no font-src/img-src for anything but data:).
export const STYLES = `
:root{--fail:#c62828;--fail-bg:#fde7e7;--warn:#a15c00;--warn-bg:#fff2d6;--pass:#2e7d32;--pass-bg:#e5f4e6;
--skip:#666;--skip-bg:#eeeeee;--inc:#5b3fa6;--inc-bg:#ece6fa;--base:#00677f;--base-bg:#e0f2f6;--line:#d0d4d9;--muted:#5f6670}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#1d2125;background:#fafbfc}
main{max-width:1280px;margin:0 auto;padding:0 20px 60px}
h1{font-size:24px;margin:0 0 6px}h2{font-size:19px;margin:32px 0 10px;border-bottom:1px solid var(--line);padding-bottom:4px}
h3{font-size:16px;margin:18px 0 8px}h4{font-size:14px;margin:10px 0 6px}
code,pre,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;font-size:12.5px}
pre{white-space:pre-wrap;overflow-wrap:anywhere;background:#f3f5f7;border:1px solid var(--line);border-radius:4px;padding:8px;margin:4px 0;max-height:420px;overflow:auto}
code{overflow-wrap:anywhere}
td,th,dd,li,p,summary,blockquote{overflow-wrap:anywhere}
code.id,.id{overflow-wrap:normal;word-break:normal}
.ctl{background:#fff3b0;color:#7a4b00;border:1px dotted #b58100;border-radius:2px;font:11px ui-monospace,monospace;padding:0 1px}
header.banner{padding:20px;margin:0 -20px 12px;border-bottom:4px solid var(--line)}
.v-deviations{--c:var(--fail);--bg:var(--fail-bg)}.v-inconclusive{--c:var(--inc);--bg:var(--inc-bg)}.v-conforming{--c:var(--pass);--bg:var(--pass-bg)}
header.banner{background:var(--bg);border-bottom-color:var(--c)}
.verdict-word{color:var(--c)}
ul.vendors{list-style:none;padding:0;margin:10px 0 0;display:flex;flex-wrap:wrap;gap:10px}
ul.vendors li{background:#fff;border:2px solid var(--c);border-radius:6px;padding:6px 12px}
ul.vendors b{color:var(--c)}
nav.toc{display:flex;flex-wrap:wrap;gap:14px;margin:8px 0 0}
a{color:#0b57d0}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;margin:0}dl.meta dt{color:var(--muted)}dl.meta dd{margin:0}
table{border-collapse:collapse;margin:6px 0;background:#fff}
th,td{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f0f2f4;font-weight:600}
table.matrix th.op{white-space:nowrap}
table.matrix td.cell{text-align:center;min-width:92px;padding:0}
table.matrix td.cell a{display:block;padding:6px 8px;color:inherit;text-decoration:none;font-weight:600}
table.matrix td.cell a:hover,table.matrix td.cell a:focus{outline:2px solid #0b57d0;outline-offset:-2px}
td.none{background:repeating-linear-gradient(45deg,#fff,#fff 4px,#f1f1f1 4px,#f1f1f1 8px)}
.s-fail{background:var(--fail-bg);color:var(--fail)}.s-warn{background:var(--warn-bg);color:var(--warn)}
.s-pass{background:var(--pass-bg);color:var(--pass)}.s-skip{background:var(--skip-bg);color:var(--skip)}
.s-inconclusive{background:var(--inc-bg);color:var(--inc)}.s-baselined{background:var(--base-bg);color:var(--base)}
.badge{display:inline-block;border-radius:3px;padding:0 6px;font-size:12px;font-weight:700;text-transform:uppercase;letter-spacing:.02em}
.legend{display:flex;flex-wrap:wrap;gap:8px;align-items:center;margin:6px 0;color:var(--muted)}
#filters{position:sticky;top:0;z-index:2;background:#fafbfc;border-bottom:1px solid var(--line);padding:8px 0;display:flex;flex-wrap:wrap;gap:12px;align-items:center}
#filters[hidden]{display:none}
#filters input[type=search]{min-width:280px;padding:4px 6px}
#cell-filter[hidden]{display:none}
details.case{background:#fff;border:1px solid var(--line);border-left:5px solid var(--skip);border-radius:4px;margin:8px 0;padding:0 12px}
details.case.st-failed{border-left-color:var(--fail)}details.case.st-passed{border-left-color:var(--pass)}
details.case.st-inconclusive{border-left-color:var(--inc)}
details.case>summary{cursor:pointer;padding:8px 0;font-weight:600}
details.case:target,details.case.focus{box-shadow:0 0 0 3px #0b57d0}
details.case{scroll-margin-top:64px}
.hidden{display:none!important}
.finding{border:1px solid var(--line);border-radius:4px;padding:6px 10px;margin:8px 0;background:#fff}
.finding.sev-failure{border-left:4px solid var(--fail)}.finding.sev-warning{border-left:4px solid var(--warn)}.finding.sev-info{border-left:4px solid var(--skip)}
.baselined .finding{border-left-color:var(--base);background:#f7fbfc}
blockquote{margin:6px 0;padding:4px 10px;border-left:3px solid #9aa4ae;color:#333;background:#f6f7f8}
.ev{display:grid;grid-template-columns:1fr 1fr;gap:10px}
.ev>div{min-width:0}
.muted{color:var(--muted)}
.counts{font-weight:600}.counts span{margin-right:12px}
.tally{margin:6px 0 0}.tally li{margin:2px 0}
table.failing{width:100%}table.failing td:nth-child(3){width:60%}
.rules{display:grid;grid-template-columns:1fr 1fr;gap:10px}.rules>div{min-width:0}
.accepted{color:var(--base);font-weight:600}
.exchange{display:grid;grid-template-columns:1fr 1fr;gap:12px}.exchange>div{min-width:0}
@media (max-width:900px){.ev,.exchange,.rules{grid-template-columns:1fr}}
`;
