/** Where image bytes live; rows in the database point at objects by key. */
export interface ObjectStore {
  put(key: string, bytes: Buffer, contentType: string): Promise<void>;
  /** null when there is no such object. */
  get(key: string): Promise<{ bytes: Buffer; contentType: string } | null>;
  /** Deleting a missing object is not an error. */
  delete(key: string): Promise<void>;
  list(prefix: string): Promise<string[]>;
  usage(): Promise<{ objects: number; bytes: number }>;
}

const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/**
 * Keys are slash-separated segments of letters, digits, dot, dash and underscore, none starting with a dot,
 * so a key can never name a parent folder, an absolute path or a hidden file.
 */
export function assertSafeKey(key: string): string {
  const segments = key.split("/");
  if (key.length > 512 || segments.length > 8 || !segments.every((s) => SEGMENT.test(s))) {
    throw new Error(`unsafe object key: ${JSON.stringify(key.slice(0, 100))}`);
  }
  return key;
}

/** A prefix is a key or the start of one ("images/", "images/post/"); the empty prefix lists everything. */
export function assertSafePrefix(prefix: string): string {
  if (prefix === "") return prefix;
  assertSafeKey(prefix.endsWith("/") ? prefix.slice(0, -1) : prefix);
  return prefix;
}
