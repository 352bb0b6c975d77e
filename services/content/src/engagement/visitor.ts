import { createHmac } from "node:crypto";
import type { ServiceConfig } from "@quire/service-kit";
import type { ServiceRequest } from "../comments/view";

// For development only: production must set QUIRE_IP_SALT, or hashes of addresses could be reversed by
// anyone who knows this default.
const DEV_IP_SALT = "quire-dev-ip-salt";

/** A like's key: the user id when signed in, else a salted hash of the client address (never the address). */
export function likerKey(req: ServiceRequest, config: ServiceConfig): string {
  if (req.identity) return `u:${req.identity.userId}`;
  const salt = config.env.QUIRE_IP_SALT || DEV_IP_SALT;
  return `ip:${createHmac("sha256", salt).update(req.ip).digest("base64url")}`;
}
