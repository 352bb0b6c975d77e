import { randomUUID } from "node:crypto";
import multipart from "@fastify/multipart";
import { type ImagePurpose, uploadedImage, uploadImageQuery } from "@quire/contracts";
import {
  type App,
  appendEvent,
  badRequest,
  forbidden,
  HttpError,
  notFound,
  requireUser,
  type ServiceContext,
  type Tx,
} from "@quire/service-kit";
import { eq } from "drizzle-orm";
import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { MAX_UPLOAD_BYTES, processImage } from "../images/process";
import { imageFileName, imageKey, imageUrl } from "../images/urls";
import { type ImageRow, images } from "../schema";
import type { ObjectStore } from "../storage";

const tooLarge = () =>
  new HttpError(413, "PAYLOAD_TOO_LARGE", `Images can be at most ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`);

/** The one file of a multipart upload, refused past the size limit. */
async function readUploadedFile(req: FastifyRequest): Promise<Buffer> {
  if (!req.isMultipart()) {
    throw new HttpError(415, "UNSUPPORTED_MEDIA_TYPE", "Send the image as multipart/form-data");
  }
  const onlyOne = () => badRequest("Send exactly one image file and nothing else");
  try {
    let file: Buffer | undefined;
    // Every part is read, so a second file or a stray field is refused rather than silently ignored.
    for await (const part of req.parts({
      limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 0, parts: 1 },
    })) {
      if (part.type !== "file" || file) throw onlyOne();
      file = await part.toBuffer();
    }
    if (!file) throw badRequest("Attach one image file");
    return file;
  } catch (error) {
    if (error instanceof HttpError) throw error;
    const code = (error as { code?: string }).code;
    if (code === "FST_REQ_FILE_TOO_LARGE") throw tooLarge();
    if (code === "FST_FILES_LIMIT" || code === "FST_PARTS_LIMIT" || code === "FST_FIELDS_LIMIT")
      throw onlyOne();
    throw badRequest("The upload could not be read");
  }
}

export function imageEventPayload(row: ImageRow) {
  return {
    id: row.id,
    ownerId: row.ownerId,
    url: imageUrl(row.id, row.purpose),
    purpose: row.purpose,
    bytes: row.bytes,
  };
}

/** Deletes the row and announces it; the caller removes the object once the transaction has committed. */
export async function deleteImageRow(tx: Tx, row: ImageRow): Promise<void> {
  await tx.delete(images).where(eq(images.id, row.id));
  await appendEvent(tx, {
    type: "image.deleted",
    aggregateId: row.id,
    aggregateVersion: 2,
    payload: imageEventPayload(row),
  });
}

export async function registerImageRoutes(app: App, ctx: ServiceContext, store: ObjectStore): Promise<void> {
  // One file per request; the limit here is a ceiling, each request sets its own in readUploadedFile.
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 } });

  app.post(
    "/v1/images",
    { schema: { querystring: uploadImageQuery, response: { 201: uploadedImage } } },
    async (req, reply) => {
      const identity = requireUser(req);
      const purpose: ImagePurpose = req.query.purpose;
      if (purpose !== "avatar" && identity.role !== "ADMIN") {
        throw forbidden("Only admins can upload cover and post images");
      }
      const original = await readUploadedFile(req);
      const processed = await processImage(original, purpose);

      const id = randomUUID();
      const key = imageKey(id, purpose);
      await store.put(key, processed.bytes, "image/webp");
      let row: ImageRow;
      try {
        row = await ctx.db.transaction(async (tx) => {
          const [inserted] = await tx
            .insert(images)
            .values({
              id,
              ownerId: identity.userId,
              key,
              purpose,
              contentType: "image/webp",
              bytes: processed.bytes.length,
              originalBytes: original.length,
              width: processed.width,
              height: processed.height,
            })
            .returning();
          await appendEvent(tx, {
            type: "image.uploaded",
            aggregateId: id,
            aggregateVersion: 1,
            payload: imageEventPayload(inserted!),
          });
          return inserted!;
        });
      } catch (error) {
        // No row points at the object: remove it rather than leave it unaccounted for.
        await store.delete(key).catch(() => {});
        throw error;
      }
      return reply.status(201).send({
        id: row.id,
        url: imageUrl(row.id, row.purpose),
        width: row.width,
        height: row.height,
        bytes: row.bytes,
        originalBytes: row.originalBytes,
      });
    },
  );

  app.get(
    "/v1/images/:id/:file",
    { schema: { params: z.object({ id: z.string().max(100), file: z.string().max(100) }) } },
    async (req, reply) => {
      const [row] = await ctx.db.select().from(images).where(eq(images.id, req.params.id.toLowerCase()));
      if (!row || req.params.file !== imageFileName(row.purpose)) throw notFound("No such image");
      const object = await store.get(row.key);
      if (!object) throw notFound("No such image");
      // An image never changes under its URL (a new upload gets a new id), so it can be cached for good.
      return reply
        .header("content-type", "image/webp")
        .header("cache-control", "public, max-age=31536000, immutable")
        .header("x-content-type-options", "nosniff")
        .header("content-security-policy", "default-src 'none'")
        .header("etag", `"${row.id}"`)
        .send(object.bytes);
    },
  );

  app.delete(
    "/v1/images/:id",
    { schema: { params: z.object({ id: z.string().max(100) }) } },
    async (req, reply) => {
      const identity = requireUser(req);
      const row = await ctx.db.transaction(async (tx) => {
        const [found] = await tx
          .select()
          .from(images)
          .where(eq(images.id, req.params.id.toLowerCase()))
          .for("update");
        if (!found) throw notFound("No such image");
        if (found.ownerId !== identity.userId && identity.role !== "ADMIN") {
          throw forbidden("You can delete only your own images");
        }
        await deleteImageRow(tx, found);
        return found;
      });
      await store
        .delete(row.key)
        .catch((error) => req.log.warn({ err: error, key: row.key }, "object not deleted"));
      return reply.status(204).send();
    },
  );
}
