import { GraphQLRequestError } from "@quire/shell-sdk";

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

/**
 * Sends the image as a GraphQL multipart request (operations, map, then the file). XMLHttpRequest rather
 * than fetch: it reports upload progress. The preflight header tells the BFF's CSRF guard this is no form
 * post from another site.
 */
export function uploadAvatar(
  file: File,
  accessToken: string | null,
  onProgress: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<UploadedImage> {
  const body = new FormData();
  body.append("operations", JSON.stringify({ query: UPLOAD_AVATAR, variables: { file: null } }));
  body.append("map", JSON.stringify({ 0: ["variables.file"] }));
  body.append("0", file, file.name);

  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/graphql");
    xhr.setRequestHeader("apollo-require-preflight", "true");
    xhr.setRequestHeader("accept", "application/graphql-response+json, application/json");
    if (accessToken) xhr.setRequestHeader("authorization", `Bearer ${accessToken}`);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onerror = () => reject(new GraphQLRequestError("The server could not be reached", "NETWORK_ERROR"));
    xhr.onabort = () => reject(new DOMException("The upload was cancelled", "AbortError"));
    xhr.onload = () => {
      let parsed: {
        data?: { uploadImage?: UploadedImage } | null;
        errors?: Array<{ message: string; extensions?: { code?: string } }>;
      } | null = null;
      try {
        parsed = JSON.parse(xhr.responseText);
      } catch {
        parsed = null;
      }
      const image = parsed?.data?.uploadImage;
      if (image) {
        onProgress(1);
        resolve(image);
        return;
      }
      const first = parsed?.errors?.[0];
      reject(
        new GraphQLRequestError(
          first?.message ?? `The server answered ${xhr.status}`,
          first?.extensions?.code ?? `HTTP_${xhr.status}`,
          parsed?.errors ?? [],
          xhr.status,
        ),
      );
    };
    signal?.addEventListener("abort", () => xhr.abort(), { once: true });
    xhr.send(body);
  });
}
