import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { DbOrTx, Tx } from "@quire/service-kit";
import { and, eq, isNull, sql } from "drizzle-orm";
import { refreshTokens } from "../schema";

export const REFRESH_TOKEN_TTL_MS = 30 * 24 * 3600_000;

const digest = (token: string) => createHash("sha256").update(token).digest("hex");

export interface IssuedRefreshToken {
  token: string;
  expiresAt: string;
}

/** A new opaque refresh token; only its hash is stored. */
export async function issueRefreshToken(
  db: DbOrTx,
  userId: string,
  familyId: string = randomUUID(),
): Promise<IssuedRefreshToken> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + REFRESH_TOKEN_TTL_MS).toISOString();
  await db
    .insert(refreshTokens)
    .values({ id: randomUUID(), userId, familyId, tokenHash: digest(token), expiresAt });
  return { token, expiresAt };
}

export type RotationResult =
  | { ok: true; userId: string; next: IssuedRefreshToken }
  | { ok: false; reason: "unknown" | "expired" | "reused" };

/**
 * Exchanges a refresh token for a new one in the same family. A token presented a second time means it was
 * copied: the whole family is revoked, so neither the thief nor the owner can go on with it.
 */
export async function rotateRefreshToken(tx: Tx, token: string): Promise<RotationResult> {
  const [row] = await tx
    .select()
    .from(refreshTokens)
    .where(eq(refreshTokens.tokenHash, digest(token)))
    .for("update");
  if (!row) return { ok: false, reason: "unknown" };
  if (row.revokedAt) {
    await revokeFamily(tx, row.familyId);
    return { ok: false, reason: "reused" };
  }
  if (new Date(row.expiresAt).getTime() < Date.now()) return { ok: false, reason: "expired" };
  const next = await issueRefreshToken(tx, row.userId, row.familyId);
  await tx
    .update(refreshTokens)
    .set({ revokedAt: sql`now()`, replacedBy: digest(next.token) })
    .where(eq(refreshTokens.id, row.id));
  return { ok: true, userId: row.userId, next };
}

export async function revokeFamilyOf(db: DbOrTx, token: string): Promise<void> {
  const [row] = await db
    .select()
    .from(refreshTokens)
    .where(eq(refreshTokens.tokenHash, digest(token)));
  if (row) await revokeFamily(db, row.familyId);
}

async function revokeFamily(db: DbOrTx, familyId: string): Promise<void> {
  await db
    .update(refreshTokens)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(refreshTokens.familyId, familyId), isNull(refreshTokens.revokedAt)));
}

export async function revokeAllOfUser(db: DbOrTx, userId: string): Promise<void> {
  await db
    .update(refreshTokens)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(refreshTokens.userId, userId), isNull(refreshTokens.revokedAt)));
}
