import { randomUUID } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join, relative, resolve, sep } from "node:path";
import { assertSafeKey, assertSafePrefix, type ObjectStore } from "./object-store";

const CONTENT_TYPES: Record<string, string> = {
  ".webp": "image/webp",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".gif": "image/gif",
};

/** Objects as files under one folder; the content type follows from the key's extension. */
export class LocalObjectStore implements ObjectStore {
  readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  /** Checks the key's syntax and, as a second line of defence, that the resolved path stays under the root. */
  private pathOf(key: string): string {
    const path = resolve(this.root, assertSafeKey(key));
    if (!path.startsWith(this.root + sep)) throw new Error("object key escapes the storage folder");
    return path;
  }

  async put(key: string, bytes: Buffer, _contentType: string): Promise<void> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    // Written aside and renamed, so a reader never sees half a file.
    const temp = `${path}.${randomUUID()}.tmp`;
    await writeFile(temp, bytes);
    await rename(temp, path);
  }

  async get(key: string): Promise<{ bytes: Buffer; contentType: string } | null> {
    const path = this.pathOf(key);
    try {
      const bytes = await readFile(path);
      const ext = path.slice(path.lastIndexOf("."));
      return { bytes, contentType: CONTENT_TYPES[ext] ?? "application/octet-stream" };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  async list(prefix: string): Promise<string[]> {
    assertSafePrefix(prefix);
    const keys = (await this.walk()).map((f) => f.key);
    return keys.filter((k) => k.startsWith(prefix)).sort();
  }

  async usage(): Promise<{ objects: number; bytes: number }> {
    const files = await this.walk();
    return { objects: files.length, bytes: files.reduce((sum, f) => sum + f.bytes, 0) };
  }

  private async walk(): Promise<{ key: string; bytes: number }[]> {
    let entries: string[];
    try {
      entries = await readdir(this.root, { recursive: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw error;
    }
    const files: { key: string; bytes: number }[] = [];
    for (const entry of entries) {
      if (entry.endsWith(".tmp")) continue;
      const info = await stat(join(this.root, entry)).catch(() => null);
      if (info?.isFile())
        files.push({
          key: relative(this.root, join(this.root, entry)).split(sep).join("/"),
          bytes: info.size,
        });
    }
    return files;
  }
}
