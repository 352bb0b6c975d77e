import { badRequest } from "../errors";

/** What a sort key of a keyset cursor is: checked on the way back in, so a forged cursor is a 400. */
export type CursorKeyType = "int" | "time" | "string" | "boolean";
export type CursorKey = string | number | boolean;

const TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2})?|Z)$/;

/** Opaque keyset cursor: the sort keys of the last row seen, then its id. */
export function encodeCursor(keys: CursorKey[], id: string): string {
  return Buffer.from(JSON.stringify([...keys, id])).toString("base64url");
}

/** Decodes a cursor made for sort keys of `types`; anything else is a 400 "Invalid cursor". */
export function decodeCursor(cursor: string, types: CursorKeyType[]): { keys: CursorKey[]; id: string } {
  try {
    const parts = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown;
    if (!Array.isArray(parts) || parts.length !== types.length + 1) throw new Error("bad cursor");
    const id = parts.at(-1);
    if (typeof id !== "string") throw new Error("bad cursor");
    const keys = types.map((type, i) => {
      const v = parts[i] as unknown;
      if (type === "int" && Number.isSafeInteger(v)) return v as number;
      if (type === "time" && typeof v === "string" && TIME.test(v)) return v;
      if (type === "string" && typeof v === "string") return v;
      if (type === "boolean" && typeof v === "boolean") return v;
      throw new Error("bad cursor");
    });
    return { keys, id };
  } catch {
    throw badRequest("Invalid cursor");
  }
}

/** The common case: newest first by a timestamp, the id breaking ties. */
export const timeCursor = {
  encode: (at: string | Date, id: string) => encodeCursor([new Date(at).toISOString()], id),
  decode: (cursor: string) => {
    const { keys, id } = decodeCursor(cursor, ["time"]);
    return { at: keys[0] as string, id };
  },
};
