import { z } from "zod";

export const imagePurposeSchema = z.enum(["avatar", "cover", "post"]);

/** What consumers need to know of a stored image; `url` is the path storage serves it under. */
export const imageEventPayload = z.object({
  id: z.string(),
  ownerId: z.string(),
  url: z.string(),
  purpose: imagePurposeSchema,
  bytes: z.number().int().nonnegative(),
});

/** Produced by storage. An image is written once, so `image.uploaded` is version 1 and `image.deleted` 2. */
export const storageEvents = {
  "image.uploaded": { version: 1, payload: imageEventPayload },
  "image.deleted": { version: 1, payload: imageEventPayload },
} as const;
