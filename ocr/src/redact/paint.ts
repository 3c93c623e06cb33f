import { PNG } from "pngjs";
import type { Box } from "./locate.ts";

/** Paints opaque black rectangles over a PNG (any colour type) and returns a grey or RGB PNG without alpha. */
export function paintBoxes(png: Uint8Array, boxes: readonly Box[]): Uint8Array {
  const img = PNG.sync.read(Buffer.from(png));
  const { width, height, data } = img;
  for (const b of boxes) {
    const [x0, x1] = [Math.max(0, Math.floor(b.x0)), Math.min(width, Math.ceil(b.x1))];
    const [y0, y1] = [Math.max(0, Math.floor(b.y0)), Math.min(height, Math.ceil(b.y1))];
    for (let y = y0; y < y1; y++)
      for (let x = x0; x < x1; x++) {
        const o = (y * width + x) * 4;
        data[o] = 0;
        data[o + 1] = 0;
        data[o + 2] = 0;
        data[o + 3] = 255;
      }
  }
  // A grey page (scans, black-and-white 公文) stays grey: a third of the size of RGB.
  let grey = true;
  for (let o = 0; o < data.length && grey; o += 4) grey = data[o] === data[o + 1] && data[o] === data[o + 2];
  return new Uint8Array(PNG.sync.write(img, { colorType: grey ? 0 : 2 }));
}

/** Width and height from the IHDR chunk, without decoding the image. */
export function pngSize(png: Uint8Array): { width: number; height: number } {
  const v = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: v.getUint32(16), height: v.getUint32(20) };
}
