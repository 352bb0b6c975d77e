import type { ImagePurpose } from "@quire/contracts";
import { badRequest, HttpError } from "@quire/service-kit";
import { fileTypeFromBuffer } from "file-type";
import sharp, { type Metadata } from "sharp";

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
/** Larger pictures are refused before decoding: a small file can declare a huge canvas (a decompression bomb). */
export const MAX_INPUT_PIXELS = 40_000_000;

const ALLOWED_TYPES = new Set(["image/jpeg", "image/png", "image/gif", "image/webp"]);

// Decoded pixels can be large; do not keep them in libvips' cache between requests.
sharp.cache(false);

export interface ProcessedImage {
  bytes: Buffer;
  width: number;
  height: number;
}

export const unsupportedType = () =>
  new HttpError(415, "UNSUPPORTED_MEDIA_TYPE", "Only JPEG, PNG, GIF and WebP images are allowed");

/**
 * Checks the real type from the bytes, then decodes and re-encodes to WebP at the purpose's size. Nothing of
 * the original survives (metadata, trailing data, extra chunks), so a polyglot file loses its other half.
 */
export async function processImage(input: Buffer, purpose: ImagePurpose): Promise<ProcessedImage> {
  const detected = await fileTypeFromBuffer(input);
  if (!detected || !ALLOWED_TYPES.has(detected.mime)) throw unsupportedType();

  const options = { limitInputPixels: MAX_INPUT_PIXELS, failOn: "error" as const, animated: false };
  let meta: Metadata;
  try {
    meta = await sharp(input, options).metadata();
  } catch (error) {
    throw unreadable(error);
  }
  // The header's format must agree with the magic bytes, and the canvas must be within bounds.
  if (`image/${meta.format}` !== detected.mime) throw badRequest("The file could not be read as an image");
  if (!meta.width || !meta.height || meta.width * meta.height > MAX_INPUT_PIXELS) throw tooManyPixels();

  // rotate() applies the EXIF orientation before the metadata (EXIF, ICC, XMP) is dropped by default.
  let pipeline = sharp(input, options).rotate();
  if (purpose === "avatar") pipeline = pipeline.resize(256, 256, { fit: "cover" });
  else if (purpose === "cover") pipeline = pipeline.resize(1200, 630, { fit: "cover" });
  else pipeline = pipeline.resize({ width: 1600, withoutEnlargement: true });
  try {
    const { data, info } = await pipeline.webp({ quality: 82 }).toBuffer({ resolveWithObject: true });
    return { bytes: data, width: info.width, height: info.height };
  } catch (error) {
    throw unreadable(error);
  }
}

const tooManyPixels = () =>
  badRequest(`The image is too large: at most ${MAX_INPUT_PIXELS / 1_000_000} megapixels`);

function unreadable(error: unknown): HttpError {
  if (/pixel limit/i.test(String(error))) return tooManyPixels();
  return badRequest("The file could not be read as an image");
}
