import sharp from "sharp";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BASE64_TRANSPORTS, encodeTransport } from "../images/transport.ts";
import { REDACTED, Redactor, describeBinary } from "./index.ts";

const jpeg = await sharp({ create: { width: 300, height: 280, channels: 3, background: { r: 10, g: 200, b: 30 } } })
  .jpeg()
  .toBuffer();

describe("Redactor", () => {
  it("masks secret headers whatever their case", () => {
    const r = new Redactor();
    expect(
      r.headers({
        "x-access-token": "abc",
        Authorization: "Bearer x",
        signature: "algorithm=RSA256, signature=x",
        "content-type": "application/json",
      }),
    ).toEqual({
      "x-access-token": REDACTED,
      Authorization: REDACTED,
      signature: REDACTED,
      "content-type": "application/json",
    });
  });

  it("masks secret JSON keys and JWTs anywhere", () => {
    const r = new Redactor();
    const out = r.json({
      accessKey: "k",
      signature: "s",
      data: { token: "t", note: "token eyJhbGciOiJIUzUxMiJ9.eyJpc3MiOiJoNV9saXZlbmVzcyJ9.c2lnbmF0dXJlc2ln" },
    });
    expect(out).toEqual({
      accessKey: REDACTED,
      signature: REDACTED,
      data: { token: REDACTED, note: `token ${REDACTED}` },
    });
  });

  it("scrubs registered secrets in raw, Base64, percent-encoded and hex form", () => {
    const secret = "s3cr3t/value+with=chars";
    const r = new Redactor({ secrets: [secret] });
    const text = [
      secret,
      Buffer.from(secret).toString("base64"),
      encodeURIComponent(secret),
      Buffer.from(secret).toString("hex"),
    ].join(" | ");
    expect(r.text(text)).toBe([REDACTED, REDACTED, REDACTED, REDACTED].join(" | "));
  });

  it("scrubs a long secret (a face's Base64) and a secret registered after a body was first redacted", () => {
    const face = "a.b*c(".repeat(400);
    const r = new Redactor({ secrets: [face] });
    const body = Buffer.from(JSON.stringify({ note: `x ${face} y`, token2: "late-secret-value" }));
    expect(r.body(body, "application/json")).toBe(
      JSON.stringify({ note: `x ${REDACTED} y`, token2: "late-secret-value" }),
    );
    r.addSecret("late-secret-value");
    expect(r.body(body, "application/json")).toBe(JSON.stringify({ note: `x ${REDACTED} y`, token2: REDACTED }));
  });

  it("a long string redacted once is redacted again after a new secret is registered", () => {
    const long = `note ${"word ".repeat(1200)} late-secret-value end`;
    const r = new Redactor();
    expect(r.text(long)).toBe(long);
    expect(r.text(long)).toBe(long);
    r.addSecret("late-secret-value");
    expect(r.text(long)).toBe(long.replace("late-secret-value", REDACTED));
  });

  it("an image the kit encoded itself redacts as if scanned, in every Base64 spelling, and a secret in it still wins", () => {
    const bytes = Uint8Array.from({ length: 5000 }, (_, i) => (i * 31 + 7) % 256);
    for (const value of BASE64_TRANSPORTS.map((transport) => encodeTransport(bytes, transport).value)) {
      const told = new Redactor();
      told.knownPayload(value, bytes);
      expect(told.text(value)).toBe(new Redactor().text(value));
      expect(told.body(Buffer.from(JSON.stringify({ photo: value })), "application/json")).toBe(
        new Redactor().body(Buffer.from(JSON.stringify({ photo: value })), "application/json"),
      );
    }
    const face = Buffer.from(bytes).toString("base64");
    const secretive = new Redactor({ secrets: [face.slice(100, 160)] });
    secretive.knownPayload(face, bytes);
    expect(secretive.text(face)).toContain(REDACTED);
  });

  it("a JSON body told as the value it serialises redacts exactly as parsing its bytes back", () => {
    const secrets = ["s3cr3t-value", "another/secret+"];
    fc.assert(
      fc.property(
        fc.jsonValue({ maxDepth: 3 }),
        fc.constantFrom("token", "userId", "accessKey", "s3cr3t-value"),
        (value, key) => {
          const body = { [key]: value, note: "has s3cr3t-value inside", nested: [value] };
          const bytes = Buffer.from(JSON.stringify(body));
          const told = new Redactor({ secrets });
          told.knownBody(bytes, "application/json", body);
          expect(told.body(bytes, "application/json")).toBe(new Redactor({ secrets }).body(bytes, "application/json"));
        },
      ),
      { numRuns: 300, seed: 11 },
    );
    // Not plain JSON data (a Date reads back as a string): the bytes are parsed as before.
    const dated = { at: new Date(0) };
    const bytes = Buffer.from(JSON.stringify(dated));
    const told = new Redactor();
    told.knownBody(bytes, "application/json", dated);
    expect(told.body(bytes, "application/json")).toBe(JSON.stringify({ at: "1970-01-01T00:00:00.000Z" }));
  });

  it("replaces an image payload by a descriptor carrying its hash, in every transport form", () => {
    const r = new Redactor();
    const b64 = jpeg.toString("base64");
    const expected = describeBinary(jpeg);
    expect(expected).toMatch(/^\[image:jpg 300x280 \d+B sha256=[0-9a-f]{64}\]$/);
    expect(r.json({ faceImage: b64 })).toEqual({ faceImage: expected });
    expect(r.text(`data:image/jpeg;base64,${b64}`)).toBe(expected);
    expect(r.text(jpeg.toString("base64url"))).toBe(expected);
    expect(r.text(b64.replace(/(.{76})/g, "$1\n"))).toBe(expected);
    expect(r.body(jpeg, "image/jpeg")).toBe(expected);
  });

  it("keeps short ordinary strings", () => {
    expect(new Redactor().json({ userId: "ekc-1234", region: "PHL", code: "SUCCESS" })).toEqual({
      userId: "ekc-1234",
      region: "PHL",
      code: "SUCCESS",
    });
  });

  it("redacts form and multipart bodies", () => {
    const r = new Redactor();
    expect(
      r.body(
        Buffer.from("grant_type=client_credentials&client_id=abc&client_secret=xyz"),
        "application/x-www-form-urlencoded",
      ),
    ).toBe(`grant_type=client_credentials&client_id=abc&client_secret=${encodeURIComponent(REDACTED)}`);
    const boundary = "XyZ";
    const multipart = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="idPhoto"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
      ),
      jpeg,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const out = r.body(multipart, `multipart/form-data; boundary=${boundary}`);
    expect(out).toContain('name="idPhoto"');
    expect(out).toContain(describeBinary(jpeg));
    expect(out).not.toContain(jpeg.subarray(0, 40).toString("latin1"));
  });

  it("masks PEM keys", () => {
    expect(new Redactor().text("key: -----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----")).toBe(
      `key: ${REDACTED}`,
    );
  });
});
