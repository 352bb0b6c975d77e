import { badRequest } from "@quire/service-kit";

/** Opaque keyset cursor: the sort key of the last row seen. */
export function encodeCursor(key: Array<string | boolean>): string {
  return Buffer.from(JSON.stringify(key)).toString("base64url");
}

/** Decodes a cursor whose parts must match `shape` ("string", "boolean" or "date"). */
export function decodeCursor(cursor: string, shape: Array<"string" | "boolean" | "date">): unknown[] {
  try {
    const key = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown;
    if (!Array.isArray(key) || key.length !== shape.length) throw new Error("bad cursor");
    shape.forEach((kind, i) => {
      const v = key[i];
      const ok =
        kind === "boolean"
          ? typeof v === "boolean"
          : typeof v === "string" && (kind === "string" || !Number.isNaN(Date.parse(v)));
      if (!ok) throw new Error("bad cursor");
    });
    return key;
  } catch {
    throw badRequest("Invalid cursor");
  }
}
