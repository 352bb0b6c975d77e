import { badRequest } from "@quire/service-kit";

export type KeyType = "int" | "time";
export type KeyValue = string | number;

const TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2})?|Z)$/;

/** Opaque keyset cursor: the sort keys of the last row, then its id. */
export function encodeCursor(keys: KeyValue[], id: string): string {
  return Buffer.from(JSON.stringify([...keys, id])).toString("base64url");
}

/** Decodes a cursor made for sort keys of `types`; anything else is a 400. */
export function decodeCursor(cursor: string, types: KeyType[]): { keys: KeyValue[]; id: string } {
  try {
    const parts = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown;
    if (!Array.isArray(parts) || parts.length !== types.length + 1) throw new Error("bad cursor");
    const id = parts.at(-1);
    if (typeof id !== "string") throw new Error("bad cursor");
    const keys = types.map((type, i) => {
      const v = parts[i] as unknown;
      if (type === "int" && Number.isSafeInteger(v)) return v as number;
      if (type === "time" && typeof v === "string" && TIME.test(v)) return v;
      throw new Error("bad cursor");
    });
    return { keys, id };
  } catch {
    throw badRequest("Invalid cursor");
  }
}
