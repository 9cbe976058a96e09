// The synthetic "face": a small deterministic RGB grid computed from the subject number, later scaled up with
// nearest-neighbour (blocky on purpose: big flat blocks keep PNG/JPEG sizes small and predictable at 4096², and
// never allocate more than the grid in JS). Same subject → same grid (± variant perturbation) → close dHash;
// different subjects → independent random fields → far dHash.
import type { ExifOrientation, NormalisedDescription } from "./description.ts";

/** Longest side of the grid in pixels; larger images are nearest-neighbour upscales of it. */
export const GRID_MAX = 48;

export interface Grid {
  width: number;
  height: number;
  /** RGB, row-major, width*height*3 bytes. */
  data: Uint8Array;
}

/** mulberry32: tiny, fast, good enough to make subjects independent. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A coarse n×n random field, bilinearly interpolated on [0,1]². */
function field(rand: () => number, n: number, lo: number, hi: number): (u: number, v: number) => number {
  const cells = Array.from({ length: n * n }, () => lo + rand() * (hi - lo));
  const at = (x: number, y: number): number => cells[Math.min(n - 1, y) * n + Math.min(n - 1, x)] ?? lo;
  return (u, v) => {
    const fx = Math.max(0, Math.min(n - 1, u * (n - 1)));
    const fy = Math.max(0, Math.min(n - 1, v * (n - 1)));
    const x0 = Math.floor(fx);
    const y0 = Math.floor(fy);
    const tx = fx - x0;
    const ty = fy - y0;
    const top = at(x0, y0) * (1 - tx) + at(x0 + 1, y0) * tx;
    const bottom = at(x0, y0 + 1) * (1 - tx) + at(x0 + 1, y0 + 1) * tx;
    return top * (1 - ty) + bottom * ty;
  };
}

type Shader = (u: number, v: number) => [number, number, number];

function faceShader(subject: number, variant: number): Shader {
  const rand = prng(0x9e3779b9 ^ Math.imul(subject + 1, 0x85ebca6b));
  const background = field(rand, 6, 20, 235);
  const hue: [number, number, number] = [0.7 + rand() * 0.5, 0.7 + rand() * 0.5, 0.7 + rand() * 0.5];
  const cx = 0.42 + rand() * 0.16;
  const cy = 0.45 + rand() * 0.1;
  const rx = 0.22 + rand() * 0.1;
  const ry = 0.3 + rand() * 0.1;
  const skin = field(rand, 4, 90, 250);
  const eyeDy = 0.2 + rand() * 0.15;
  const eyeDx = 0.3 + rand() * 0.15;
  const eyeR = 0.12 + rand() * 0.06;
  const mouthDy = 0.45 + rand() * 0.15;
  const mouthW = 0.25 + rand() * 0.2;
  // The variant perturbs without changing identity: brightness ±10 and a shift of up to ±1% of the frame.
  const vr = prng(0x2545f491 ^ Math.imul(variant, 0x27d4eb2d));
  const bright = variant === 0 ? 0 : Math.round(vr() * 20 - 10);
  const du = variant === 0 ? 0 : vr() * 0.02 - 0.01;
  const dv = variant === 0 ? 0 : vr() * 0.02 - 0.01;
  return (u0, v0) => {
    const u = u0 + du;
    const v = v0 + dv;
    const ex = (u - cx) / rx;
    const ey = (v - cy) / ry;
    let rgb: [number, number, number];
    if (ex * ex + ey * ey <= 1) {
      let l = skin(ex * 0.5 + 0.5, ey * 0.5 + 0.5);
      // Eye and mouth sizes are in units of the face ellipse's radii.
      const eye = (sx: number): boolean => (ex - sx) ** 2 + (ey + eyeDy) ** 2 <= eyeR * eyeR;
      if (eye(-eyeDx) || eye(eyeDx)) l = 25;
      else if (Math.abs(ey - mouthDy) < 0.06 && Math.abs(ex) < mouthW) l = 40;
      rgb = [l, l * 0.82, l * 0.7];
    } else {
      const l = background(u, v);
      rgb = [l * hue[0], l * hue[1], l * hue[2]];
    }
    return [rgb[0] + bright, rgb[1] + bright, rgb[2] + bright];
  };
}

function uniformShader(subject: number, variant: number): Shader {
  // Near-uniform: a grey level per subject with a ±1.5 ramp, far below the no-face threshold.
  const level = 90 + ((subject * 29 + variant * 7) % 90);
  return (u) => {
    const l = level + (u - 0.5) * 3;
    return [l, l, l];
  };
}

/** Maps a stored pixel (x, y) of a W×H image to where a viewer applying EXIF orientation `o` shows it. */
export function orientStoredToDisplay(
  o: ExifOrientation,
  x: number,
  y: number,
  w: number,
  h: number,
): [number, number] {
  switch (o) {
    case 1:
      return [x, y];
    case 2:
      return [w - 1 - x, y];
    case 3:
      return [w - 1 - x, h - 1 - y];
    case 4:
      return [x, h - 1 - y];
    case 5:
      return [y, x];
    case 6:
      return [h - 1 - y, x];
    case 7:
      return [h - 1 - y, w - 1 - x];
    case 8:
      return [y, w - 1 - x];
  }
}

/**
 * The stored grid for a description: the pattern is evaluated upright in display space, then laid out so a
 * viewer that applies the EXIF orientation sees it upright (so EXIF-rotated copies of a subject still match).
 */
export function buildGrid(n: NormalisedDescription): Grid {
  const width = Math.min(n.width, GRID_MAX);
  const height = Math.min(n.height, GRID_MAX);
  const swapped = n.exifOrientation >= 5;
  const dw = swapped ? height : width;
  const dh = swapped ? width : height;
  const shade = n.content === "uniform" ? uniformShader(n.subject, n.variant) : faceShader(n.subject, n.variant);
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [dx, dy] = orientStoredToDisplay(n.exifOrientation, x, y, width, height);
      const rgb = shade((dx + 0.5) / dw, (dy + 0.5) / dh);
      const i = (y * width + x) * 3;
      for (let c = 0; c < 3; c++) data[i + c] = Math.max(0, Math.min(255, Math.round(rgb[c] ?? 0)));
    }
  }
  return { width, height, data };
}

/** Rec. 601 luma standard deviation of a grid: what inspectImage will measure, predicted without encoding. */
export function gridLumaStdDev(grid: Grid): number {
  const count = grid.width * grid.height;
  let sum = 0;
  let sq = 0;
  for (let i = 0; i < count; i++) {
    const l =
      0.299 * (grid.data[i * 3] ?? 0) + 0.587 * (grid.data[i * 3 + 1] ?? 0) + 0.114 * (grid.data[i * 3 + 2] ?? 0);
    sum += l;
    sq += l * l;
  }
  const mean = sum / count;
  return Math.sqrt(Math.max(0, sq / count - mean * mean));
}
