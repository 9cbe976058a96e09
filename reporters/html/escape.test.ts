import { describe, expect, it } from "vitest";
import { attr, bodyText, httpsUrl, pretty, text } from "./escape.ts";

describe("escape", () => {
  it("escapes the five HTML specials in text and attributes", () => {
    expect(text(`<a href="x" onclick='y'>&`)).toBe("&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;");
    expect(attr(`" onmouseover="x`)).toBe("&quot; onmouseover=&quot;x");
  });

  it("makes bidi, zero-width and control characters visible instead of interpreting them", () => {
    expect(text("a\u202Eb")).toBe('a<span class="ctl">[U+202E]</span>b');
    expect(text("\u2066\u200b\ufeff\u0000\u001b\u0085")).not.toMatch(/[\u2066\u200b\ufeff\u0000\u001b\u0085]/);
    expect(attr("a\u202Eb")).toBe("a[U+202E]b");
    expect(text("line1\nline2\tx")).toBe("line1\nline2\tx");
    expect(text("caf\u00e9 \ufffd")).toBe("caf\u00e9 \ufffd");
  });

  it("allows only https URLs without credentials", () => {
    expect(httpsUrl("https://doc.example.com/a?b=1#c")).toBe("https://doc.example.com/a?b=1#c");
    for (const bad of [
      "javascript:alert(1)",
      " javascript:alert(1)",
      "JaVaScRiPt:alert(1)",
      "data:text/html,x",
      "http://x.test/",
      "//x.test/",
      "/docs",
      "https://u:p@x.test/",
      "",
      undefined,
    ])
      expect(httpsUrl(bad)).toBeUndefined();
  });

  it("pretty-prints values and bodies, never throwing", () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(pretty(circular)).toBe("[object Object]");
    expect(pretty(undefined)).toBe("(absent)");
    expect(pretty("x")).toBe('"x"');
    expect(bodyText('{"a":1}', 100).text).toBe('{\n  "a": 1\n}');
    expect(bodyText("not json", 100).text).toBe("not json");
    expect(bodyText("x".repeat(10), 4)).toEqual({ text: "xxxx", cut: 6 });
  });
});
