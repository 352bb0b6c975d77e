import { createHash } from "node:crypto";

export const DEV_IP_SALT = "quire-dev-ip-salt";

/**
 * Who counts as one visitor: a signed-in user by id, anyone else by a salted hash of the client address
 * (the raw address is never stored).
 */
export function visitorKey(req: { identity: { userId: string } | null; ip: string }, salt: string): string {
  if (req.identity) return `user:${req.identity.userId}`;
  return `ip:${createHash("sha256").update(`${salt}:${req.ip}`).digest("hex")}`;
}
