import { type GraphQLUploadOptions, graphqlRequest, graphqlUpload } from "@quire/shell-sdk";

export type ImagePurpose = "POST" | "COVER";

export interface UploadedImage {
  id: string;
  /** Site path of the re-encoded WebP. */
  url: string;
  width: number;
  height: number;
  bytes: number;
  originalBytes: number;
}

export interface LinkPreview {
  url: string;
  title: string | null;
  description: string | null;
  image: string | null;
  favicon: string | null;
  siteName: string | null;
}

/** What the storage service accepts; the server checks the bytes again. */
export const IMAGE_TYPES = ["image/jpeg", "image/png", "image/gif", "image/webp"] as const;
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;

const ADMIN_UPLOAD_IMAGE_MUTATION = /* GraphQL */ `
  mutation AdminUploadImage($file: File!, $purpose: ImagePurpose!) {
    uploadImage(file: $file, purpose: $purpose) {
      id url width height bytes originalBytes
    }
  }
`;

const ADMIN_FETCH_LINK_PREVIEW_MUTATION = /* GraphQL */ `
  mutation AdminFetchLinkPreview($url: String!) {
    fetchLinkPreview(url: $url) {
      url title description image favicon siteName
    }
  }
`;

/** Why a file cannot be uploaded, before sending it; null when it looks acceptable. */
export function checkImageFile(file: File): string | null {
  if (!(IMAGE_TYPES as readonly string[]).includes(file.type)) {
    return `${file.name} is not a JPEG, PNG, GIF or WebP image`;
  }
  if (file.size > MAX_IMAGE_BYTES) return `${file.name} is larger than 10 MB`;
  return null;
}

/** Uploads one image for a post or a cover, with the session's token; storage re-encodes it to WebP. */
export function uploadImage(
  file: File,
  purpose: ImagePurpose,
  options: GraphQLUploadOptions = {},
): Promise<UploadedImage> {
  return graphqlUpload<{ uploadImage: UploadedImage }>(
    ADMIN_UPLOAD_IMAGE_MUTATION,
    { purpose },
    file,
    options,
  ).then((data) => data.uploadImage);
}

export function fetchLinkPreview(url: string): Promise<LinkPreview> {
  return graphqlRequest<{ fetchLinkPreview: LinkPreview }, { url: string }>(
    ADMIN_FETCH_LINK_PREVIEW_MUTATION,
    {
      url,
    },
  ).then((data) => data.fetchLinkPreview);
}

/** "1.2 MB", "340 KB": sizes as people read them. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}
