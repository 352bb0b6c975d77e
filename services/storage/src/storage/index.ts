import { join } from "node:path";
import type { ServiceConfig } from "@quire/service-kit";
import { LocalObjectStore } from "./local-store";
import type { ObjectStore } from "./object-store";
import { S3ObjectStore } from "./s3-store";

export type { ObjectStore } from "./object-store";

/** S3 when `S3_BUCKET` is set; otherwise a folder under the data dir. */
export function objectStoreFromConfig(config: ServiceConfig): ObjectStore {
  const env = config.env;
  if (env.S3_BUCKET) {
    return new S3ObjectStore({
      bucket: env.S3_BUCKET,
      region: env.S3_REGION || "us-east-1",
      endpoint: env.S3_ENDPOINT,
      accessKeyId: env.S3_ACCESS_KEY_ID,
      secretAccessKey: env.S3_SECRET_ACCESS_KEY,
    });
  }
  return new LocalObjectStore(join(config.dataDir, "storage", "objects"));
}
