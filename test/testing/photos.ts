// Face-like photos for the live tests, drawn with sharp (librsvg) and given camera-like sensor noise: a head with
// hair, eyes, brows, nose and mouth on a gradient background, in the shapes users send (small PNG, a large camera
// JPEG, a JPEG whose pixels are stored rotated behind an EXIF orientation tag).
import sharp, { type Sharp } from "sharp";

function faceSvg(width: number, height: number): string {
  // Drawn in a 300×400 box scaled to the requested size.
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 300 400" preserveAspectRatio="none">
  <defs>
    <linearGradient id="bg" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#9fb4c8"/><stop offset="1" stop-color="#d8dde2"/></linearGradient>
    <radialGradient id="skin" cx="0.45" cy="0.4" r="0.7"><stop offset="0" stop-color="#f2c9a8"/><stop offset="0.7" stop-color="#d9a27e"/><stop offset="1" stop-color="#a8714f"/></radialGradient>
  </defs>
  <rect width="300" height="400" fill="url(#bg)"/>
  <path d="M40 400 C50 330 100 300 150 300 C200 300 250 330 260 400 Z" fill="#34495e"/>
  <rect x="128" y="255" width="44" height="55" fill="#c99272"/>
  <ellipse cx="150" cy="150" rx="92" ry="112" fill="#2b1d14"/>
  <ellipse cx="150" cy="175" rx="78" ry="100" fill="url(#skin)"/>
  <path d="M72 150 C80 80 220 80 228 150 C210 110 90 110 72 150 Z" fill="#2b1d14"/>
  <path d="M98 140 Q118 130 136 140" stroke="#3b2a1e" stroke-width="5" fill="none"/>
  <path d="M164 140 Q182 130 202 140" stroke="#3b2a1e" stroke-width="5" fill="none"/>
  <ellipse cx="117" cy="160" rx="15" ry="8" fill="#fbfbf8"/><circle cx="117" cy="160" r="6" fill="#4a3222"/><circle cx="117" cy="160" r="2.5" fill="#0b0b0b"/>
  <ellipse cx="183" cy="160" rx="15" ry="8" fill="#fbfbf8"/><circle cx="183" cy="160" r="6" fill="#4a3222"/><circle cx="183" cy="160" r="2.5" fill="#0b0b0b"/>
  <path d="M150 165 L140 212 Q150 220 160 212" stroke="#9c6a4c" stroke-width="3" fill="none"/>
  <path d="M122 238 Q150 258 178 238 Q150 246 122 238 Z" fill="#a3474a"/>
</svg>`;
}

/** A second person: another head shape, short hair, glasses, a beard, lit from the side against a dark wall. */
function otherFaceSvg(width: number, height: number): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 300 400" preserveAspectRatio="none">
  <defs>
    <linearGradient id="bg" x1="0" y1="0" x2="1" y2="0"><stop offset="0" stop-color="#20262c"/><stop offset="1" stop-color="#6b6f5a"/></linearGradient>
    <radialGradient id="skin" cx="0.7" cy="0.35" r="0.8"><stop offset="0" stop-color="#b98a63"/><stop offset="0.6" stop-color="#8a5a3c"/><stop offset="1" stop-color="#4a2e1e"/></radialGradient>
  </defs>
  <rect width="300" height="400" fill="url(#bg)"/>
  <path d="M20 400 C30 320 90 290 160 290 C230 290 280 320 290 400 Z" fill="#c9b27a"/>
  <rect x="135" y="250" width="56" height="50" fill="#7a4e33"/>
  <rect x="88" y="60" width="150" height="200" rx="60" fill="url(#skin)"/>
  <path d="M88 120 C95 45 230 45 238 120 L238 95 C220 60 105 60 88 95 Z" fill="#111111"/>
  <path d="M92 190 C110 280 215 280 234 190 C220 250 110 250 92 190 Z" fill="#1a1a1a"/>
  <circle cx="130" cy="150" r="20" fill="none" stroke="#e8e8e8" stroke-width="5"/>
  <circle cx="196" cy="150" r="20" fill="none" stroke="#e8e8e8" stroke-width="5"/>
  <path d="M150 150 L176 150" stroke="#e8e8e8" stroke-width="5"/>
  <circle cx="130" cy="150" r="5" fill="#0b0b0b"/><circle cx="196" cy="150" r="5" fill="#0b0b0b"/>
  <path d="M163 160 L152 200 L172 202" stroke="#3a2418" stroke-width="4" fill="none"/>
  <path d="M138 222 L190 222" stroke="#5a1f1f" stroke-width="6"/>
</svg>`;
}

/** Upright RGB pixels of the face at this size, with gaussian sensor noise (so JPEG sizes are camera-like). */
export async function facePixels(width: number, height: number, noise = 12, person: 0 | 1 = 0): Promise<Sharp> {
  const drawn = await sharp(Buffer.from((person === 0 ? faceSvg : otherFaceSvg)(width, height)))
    .removeAlpha()
    .raw()
    .toBuffer();
  const grain = await sharp({
    create: {
      width,
      height,
      channels: 3,
      background: { r: 0, g: 0, b: 0 },
      noise: { type: "gaussian", mean: 128, sigma: noise },
    },
  })
    .raw()
    .toBuffer();
  const out = Buffer.alloc(drawn.length);
  for (let i = 0; i < drawn.length; i++) out[i] = Math.max(0, Math.min(255, drawn[i]! + grain[i]! - 128));
  return sharp(out, { raw: { width, height, channels: 3 } });
}

/** A 300×300 PNG. */
export async function smallPngPhoto(): Promise<Buffer> {
  return (await facePixels(300, 300, 4)).png().toBuffer();
}

/** A 400×500 JPEG of someone else (CONFORMANCE_OTHER_FACE_IMAGE), for the cases that need two different people. */
export async function otherPersonJpegPhoto(): Promise<Buffer> {
  return (await facePixels(400, 500, 6, 1)).jpeg({ quality: 90 }).toBuffer();
}

/** A 3000×4000 camera-sized JPEG of well over 2 MB. */
export async function largeJpegPhoto(): Promise<Buffer> {
  return (await facePixels(3000, 4000, 12)).jpeg({ quality: 92 }).toBuffer();
}

/** A 480×640 portrait stored as 640×480 pixels rotated behind EXIF orientation 6 (how phones save photos). */
export async function exifRotatedJpegPhoto(): Promise<Buffer> {
  const upright = await (await facePixels(480, 640, 6)).raw().toBuffer({ resolveWithObject: true });
  // Orientation 6 shows the stored pixels turned 90° clockwise: store them turned 90° anticlockwise.
  return sharp(upright.data, { raw: upright.info })
    .rotate(270)
    .jpeg({ quality: 90 })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}
