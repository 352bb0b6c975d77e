import { appendEvent, type Tx } from "@quire/service-kit";
import { eq, sql } from "drizzle-orm";
import { users } from "../schema";
import { revokeAllOfUser } from "./refresh-tokens";

type Reason = "SUSPENDED" | "ROLE_CHANGED" | "PASSWORD_CHANGED" | "DELETED" | "SIGNED_OUT_EVERYWHERE";

/**
 * Voids every session of a user: refresh tokens here, and access tokens in every service through
 * `user.sessions.revoked` (each service refuses tokens issued before `notBefore`). The user's session epoch
 * versions the event, so the newest revocation wins whatever order they arrive in.
 */
export async function revokeSessions(tx: Tx, userId: string, reason: Reason): Promise<void> {
  await revokeAllOfUser(tx, userId);
  const [row] = await tx
    .update(users)
    .set({ sessionEpoch: sql`${users.sessionEpoch} + 1` })
    .where(eq(users.id, userId))
    .returning({ epoch: users.sessionEpoch, now: sql<string>`now()` });
  if (!row) return;
  await appendEvent(tx, {
    type: "user.sessions.revoked",
    aggregateId: userId,
    aggregateVersion: row.epoch,
    payload: { userId, notBefore: new Date(row.now).toISOString(), reason },
  });
}
