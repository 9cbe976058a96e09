import { describe, expect, it } from "vitest";
import { BoundedMap, State, STATE_LIMITS } from "./state.ts";

describe("sandbox state bounds", () => {
  it("a BoundedMap forgets its oldest entry beyond its limit; updating a key does not evict", () => {
    const m = new BoundedMap<string, number>(3);
    for (const k of ["a", "b", "c"]) m.set(k, 1);
    m.set("a", 2);
    expect([...m.keys()]).toEqual(["a", "b", "c"]);
    m.set("d", 1);
    expect([...m.keys()]).toEqual(["b", "c", "d"]);
    expect(m.size).toBe(3);
  });

  it("users, sessions and the 1:N gallery each keep the newest STATE_LIMITS.entries", () => {
    const st = new State();
    for (let i = 0; i <= STATE_LIMITS.entries; i++) st.uqudoFaces.set(`id-${i}`, { hash: "0", imageStored: true });
    expect(st.uqudoFaces.size).toBe(STATE_LIMITS.entries);
    expect(st.uqudoFaces.has("id-0")).toBe(false);
    expect(st.uqudoFaces.has(`id-${STATE_LIMITS.entries}`)).toBe(true);
    for (const map of [st.advanceUsers, st.zolozUsers, st.uqudoSessions]) expect(map.limit).toBe(STATE_LIMITS.entries);
  });

  it("images keep the newest STATE_LIMITS.images, and STATE_LIMITS.imageBytes together", () => {
    const st = new State();
    for (let i = 0; i <= STATE_LIMITS.images; i++) st.putImage(Buffer.from(`image ${i}`), "image/jpeg");
    expect(st.images.size).toBe(STATE_LIMITS.images);
    const big = Math.floor(STATE_LIMITS.imageBytes / 2.5);
    const first = st.putImage(Buffer.alloc(big, 1), "image/png");
    st.putImage(Buffer.alloc(big, 2), "image/png");
    expect(st.images.has(first)).toBe(true);
    st.putImage(Buffer.alloc(big, 3), "image/png");
    expect(st.images.has(first)).toBe(false);
    const total = [...st.images.values()].reduce((n, img) => n + img.bytes.length, 0);
    expect(total).toBeLessThanOrEqual(STATE_LIMITS.imageBytes);
    expect((st.snapshot(0) as { images: { bytes: number } }).images.bytes).toBe(total);
    st.reset();
    expect((st.snapshot(0) as { images: { count: number; bytes: number } }).images).toEqual({ count: 0, bytes: 0 });
  });
});
