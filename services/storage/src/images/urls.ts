import type { ImagePurpose } from "@quire/contracts";

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
// Matches the path wherever it sits, so absolute URLs and URLs behind a proxy prefix are recognised too.
const IMAGE_PATH = new RegExp(`/v1/images/(${UUID})/[A-Za-z0-9._-]+(?:[?#]|$)`, "i");

/** The file name an image is served under. */
export const imageFileName = (purpose: ImagePurpose) => `${purpose}.webp`;

export const imageKey = (id: string, purpose: ImagePurpose) => `images/${purpose}/${id}.webp`;

export const imageUrl = (id: string, purpose: ImagePurpose) => `/v1/images/${id}/${imageFileName(purpose)}`;

/** The id of the stored image a URL points at, or null for any other URL. */
export function imageIdFromUrl(url: string): string | null {
  const match = IMAGE_PATH.exec(url);
  return match ? match[1]!.toLowerCase() : null;
}
