import { createHash, randomBytes, randomUUID } from "node:crypto";
import { appendEvent, type Db, type Tx } from "@quire/service-kit";
import { and, eq, lt } from "drizzle-orm";
import { type UserRow, users } from "../schema";
import { hashPassword } from "../users/passwords";
import { toUserState } from "../users/user-state";
import { OidcFailure, type VerifiedIdentity } from "./provider";
import { oidcIdentities, oidcLoginStates, oidcSigninCodes } from "./schema";

export const LOGIN_STATE_TTL_MS = 10 * 60_000;
export const SIGNIN_CODE_TTL_MS = 60_000;
const MAX_NAME_LENGTH = 50;

const digest = (value: string) => createHash("sha256").update(value).digest("hex");
const isExpired = (expiresAt: string) => new Date(expiresAt).getTime() <= Date.now();

export interface LoginState {
  state: string;
  nonce: string;
  codeVerifier: string;
  returnTo: string;
}

export async function saveLoginState(db: Db, login: LoginState): Promise<void> {
  const now = new Date();
  // Abandoned sign-ins are swept here, so the table holds at most ten minutes of them.
  await db.delete(oidcLoginStates).where(lt(oidcLoginStates.expiresAt, now.toISOString()));
  await db.insert(oidcLoginStates).values({
    stateHash: digest(login.state),
    nonce: login.nonce,
    codeVerifier: login.codeVerifier,
    returnTo: login.returnTo,
    expiresAt: new Date(now.getTime() + LOGIN_STATE_TTL_MS).toISOString(),
  });
}

/** Spends a sign-in's state: deleting it is what makes it single use, even for two racing callbacks. */
export async function takeLoginState(db: Db, state: string): Promise<LoginState | null> {
  const [row] = await db
    .delete(oidcLoginStates)
    .where(eq(oidcLoginStates.stateHash, digest(state)))
    .returning();
  if (!row || isExpired(row.expiresAt)) return null;
  return { state, nonce: row.nonce, codeVerifier: row.codeVerifier, returnTo: row.returnTo };
}

/**
 * The account a verified identity signs in to: the one linked to its subject, else the one with its verified
 * email (which gets linked), else a new USER account with an unusable password, announced as
 * `user.registered`. A suspended account is refused before anything is written.
 */
export async function resolveUser(db: Db, identity: VerifiedIdentity): Promise<UserRow> {
  if (!identity.emailVerified) throw new OidcFailure("email", "The provider has not verified the email");
  // A password nobody knows: the account signs in through the provider until its owner resets it.
  const unusablePasswordHash = await hashPassword(randomBytes(32).toString("base64url"));
  return db.transaction(async (tx) => {
    const [linked] = await tx
      .select({ user: users })
      .from(oidcIdentities)
      .innerJoin(users, eq(users.id, oidcIdentities.userId))
      .where(and(eq(oidcIdentities.issuer, identity.issuer), eq(oidcIdentities.subject, identity.subject)));
    if (linked) return activeOnly(linked.user);

    const [byEmail] = await tx.select().from(users).where(eq(users.email, identity.email));
    const user = byEmail ? activeOnly(byEmail) : await insertUser(tx, identity, unusablePasswordHash);
    await tx.insert(oidcIdentities).values({
      issuer: identity.issuer,
      subject: identity.subject,
      userId: user.id,
      email: identity.email,
    });
    return user;
  });
}

function activeOnly(user: UserRow): UserRow {
  if (user.status !== "ACTIVE") throw new OidcFailure("suspended", "This account is suspended");
  return user;
}

async function insertUser(tx: Tx, identity: VerifiedIdentity, passwordHash: string): Promise<UserRow> {
  const id = randomUUID();
  const name =
    identity.name?.trim().slice(0, MAX_NAME_LENGTH) ||
    identity.email.split("@")[0]!.slice(0, MAX_NAME_LENGTH);
  const [row] = await tx
    .insert(users)
    .values({ id, email: identity.email, passwordHash, name, role: "USER", status: "ACTIVE", version: 1 })
    .onConflictDoNothing({ target: users.email })
    .returning();
  // Another sign-in created it a moment ago; the next attempt finds and links it.
  if (!row) throw new OidcFailure("account", "The account is being created; try again");
  await appendEvent(tx, {
    type: "user.registered",
    aggregateId: id,
    aggregateVersion: 1,
    payload: toUserState(row),
  });
  return row;
}

/** A one-time code the page trades for tokens; only its hash is kept. */
export async function issueSigninCode(db: Db, userId: string): Promise<string> {
  const code = randomBytes(32).toString("base64url");
  const now = Date.now();
  await db.delete(oidcSigninCodes).where(lt(oidcSigninCodes.expiresAt, new Date(now).toISOString()));
  await db.insert(oidcSigninCodes).values({
    codeHash: digest(code),
    userId,
    expiresAt: new Date(now + SIGNIN_CODE_TTL_MS).toISOString(),
  });
  return code;
}

/** The user a sign-in code belongs to, spending it; null when unknown, already used or expired. */
export async function takeSigninCode(db: Db, code: string): Promise<string | null> {
  const [row] = await db
    .delete(oidcSigninCodes)
    .where(eq(oidcSigninCodes.codeHash, digest(code)))
    .returning();
  if (!row || isExpired(row.expiresAt)) return null;
  return row.userId;
}
