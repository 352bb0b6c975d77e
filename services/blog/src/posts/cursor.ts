import { badRequest } from "@quire/service-kit";

/** Opaque keyset cursor over (published_at, id). */
export function encodeCursor(publishedAt: string, id: string): string {
  return Buffer.from(JSON.stringify([publishedAt, id])).toString("base64url");
}

export function decodeCursor(cursor: string): { publishedAt: string; id: string } {
  try {
    const [publishedAt, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown[];
    if (typeof publishedAt !== "string" || typeof id !== "string" || Number.isNaN(Date.parse(publishedAt))) {
      throw new Error("bad cursor");
    }
    return { publishedAt, id };
  } catch {
    throw badRequest("Invalid cursor");
  }
}
