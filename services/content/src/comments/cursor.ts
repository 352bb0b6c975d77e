import { badRequest } from "@quire/service-kit";

/** Opaque keyset cursor over (created_at, id). */
export function encodeCursor(createdAt: string, id: string): string {
  return Buffer.from(JSON.stringify([new Date(createdAt).toISOString(), id])).toString("base64url");
}

export function decodeCursor(cursor: string): { createdAt: string; id: string } {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown[];
    if (typeof createdAt !== "string" || typeof id !== "string" || Number.isNaN(Date.parse(createdAt))) {
      throw new Error("bad cursor");
    }
    return { createdAt, id };
  } catch {
    throw badRequest("Invalid cursor");
  }
}
