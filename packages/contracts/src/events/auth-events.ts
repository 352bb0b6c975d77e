import { z } from "zod";

export const userState = z.object({
  id: z.string(),
  name: z.string(),
  avatarUrl: z.string().nullable(),
  bio: z.string().nullable(),
  role: z.enum(["USER", "ADMIN"]),
  status: z.enum(["ACTIVE", "SUSPENDED"]),
});

/** Produced by auth. User events carry the state every replica of users keeps. */
export const authEvents = {
  "user.registered": { version: 1, payload: userState },
  "user.profile.updated": { version: 1, payload: userState },
  "user.status.changed": { version: 1, payload: userState },
  "user.role.changed": { version: 1, payload: userState },
  "user.deleted": { version: 1, payload: z.object({ id: z.string() }) },
  /** Every access token of the user issued before `notBefore` is void, in every service, at once. */
  "user.sessions.revoked": {
    version: 1,
    payload: z.object({
      userId: z.string(),
      notBefore: z.string(),
      reason: z.enum(["SUSPENDED", "ROLE_CHANGED", "PASSWORD_CHANGED", "DELETED", "SIGNED_OUT_EVERYWHERE"]),
    }),
  },
} as const;
