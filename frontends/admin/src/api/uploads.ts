import { graphqlRequest, useSession } from "@quire/shell-sdk";
import { useCallback } from "react";

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

export class UploadError extends Error {
  override readonly name = "UploadError";
}

/** Why a file cannot be uploaded, before sending it; null when it looks acceptable. */
export function checkImageFile(file: File): string | null {
  if (!(IMAGE_TYPES as readonly string[]).includes(file.type)) {
    return `${file.name} is not a JPEG, PNG, GIF or WebP image`;
  }
  if (file.size > MAX_IMAGE_BYTES) return `${file.name} is larger than 10 MB`;
  return null;
}

export interface UploadOptions {
  accessToken: string | null;
  /** 0..1 as the bytes leave the browser. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

/**
 * Sends one image by the GraphQL multipart request spec. XMLHttpRequest rather than fetch: only its
 * `upload.onprogress` reports how much of the body has been sent. The preflight header is what the BFF
 * requires of multipart requests, which a browser would otherwise let any site send (CSRF).
 */
export function uploadImage(
  file: File,
  purpose: ImagePurpose,
  options: UploadOptions,
): Promise<UploadedImage> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    form.append(
      "operations",
      JSON.stringify({
        query: ADMIN_UPLOAD_IMAGE_MUTATION,
        operationName: "AdminUploadImage",
        variables: { file: null, purpose },
      }),
    );
    form.append("map", JSON.stringify({ 0: ["variables.file"] }));
    form.append("0", file, file.name);

    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/graphql");
    xhr.setRequestHeader("x-graphql-csrf", "1");
    xhr.setRequestHeader("accept", "application/graphql-response+json, application/json");
    if (options.accessToken) xhr.setRequestHeader("authorization", `Bearer ${options.accessToken}`);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) options.onProgress?.(event.loaded / event.total);
    };
    xhr.onload = () => {
      let body: { data?: { uploadImage?: UploadedImage } | null; errors?: Array<{ message: string }> } | null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = null;
      }
      const image = body?.data?.uploadImage;
      if (image) {
        options.onProgress?.(1);
        resolve(image);
        return;
      }
      const message = body?.errors?.[0]?.message ?? `The upload failed (${xhr.status})`;
      reject(new UploadError(message));
    };
    xhr.onerror = () => reject(new UploadError("The server could not be reached"));
    xhr.onabort = () => reject(new UploadError("The upload was cancelled"));
    options.signal?.addEventListener("abort", () => xhr.abort(), { once: true });
    xhr.send(form);
  });
}

/** uploadImage with the session's token. */
export function useImageUploader() {
  const { accessToken } = useSession();
  return useCallback(
    (file: File, purpose: ImagePurpose, onProgress?: (fraction: number) => void) =>
      uploadImage(file, purpose, { accessToken, ...(onProgress ? { onProgress } : {}) }),
    [accessToken],
  );
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
