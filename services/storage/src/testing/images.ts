import { crc32, createDeflate } from "node:zlib";
import sharp from "sharp";

const solid = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 40, g: 90, b: 160 } } });

export const pngImage = (width = 800, height = 600) => solid(width, height).png().toBuffer();
export const gifImage = (width = 300, height = 200) => solid(width, height).gif().toBuffer();
export const webpImage = (width = 640, height = 480) => solid(width, height).webp().toBuffer();
/** A JPEG carrying EXIF text, to prove metadata does not survive re-encoding. */
export const jpegImage = (width = 2000, height = 1500, exifText = "secret-camera-serial") =>
  solid(width, height)
    .jpeg()
    .withExif({ IFD0: { Copyright: exifText, Artist: exifText } })
    .toBuffer();

export const svgWithScript = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(document.cookie)</script></svg>',
);

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/**
 * A valid grayscale PNG of width x height zero pixels: under 2 MB that decode to width*height bytes (a
 * decompression bomb). Built by streaming deflate, as sharp takes tens of seconds to encode one this large.
 */
export async function pixelBombPng(width = 20_000, height = 20_000): Promise<Buffer> {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 0, 0, 0, 0], 8); // 8-bit grayscale, deflate, no interlace
  const deflate = createDeflate({ level: 1 });
  const parts: Buffer[] = [];
  deflate.on("data", (d: Buffer) => parts.push(d));
  const done = new Promise((resolve) => deflate.on("end", resolve));
  // Each row is a filter byte 0 and the row's pixels, all zero; written a batch of rows at a time.
  const batch = 100;
  const rows = Buffer.alloc((width + 1) * batch);
  for (let y = 0; y < height; y += batch) {
    const n = Math.min(batch, height - y);
    if (!deflate.write(rows.subarray(0, (width + 1) * n))) await new Promise((r) => deflate.once("drain", r));
  }
  deflate.end();
  await done;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", Buffer.concat(parts)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}
