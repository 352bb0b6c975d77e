import { type GraphQLUploadOptions, graphqlUpload } from "@quire/shell-sdk";

const UPLOAD_AVATAR = /* GraphQL */ `
  mutation UserUploadAvatar($file: File!) {
    uploadImage(file: $file, purpose: AVATAR) { id url width height bytes originalBytes }
  }
`;

export interface UploadedImage {
  id: string;
  url: string;
  width: number;
  height: number;
  bytes: number;
  originalBytes: number;
}

export const AVATAR_TYPES = ["image/jpeg", "image/png", "image/gif", "image/webp"];
export const AVATAR_MAX_BYTES = 10 * 1024 * 1024;

/** Uploads the reader's avatar with the session's token; storage re-encodes it to a square WebP. */
export function uploadAvatar(file: File, options: GraphQLUploadOptions = {}): Promise<UploadedImage> {
  return graphqlUpload<{ uploadImage: UploadedImage }>(UPLOAD_AVATAR, {}, file, options).then(
    (data) => data.uploadImage,
  );
}
