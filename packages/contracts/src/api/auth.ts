import { z } from "zod";

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email({ message: "Enter a valid email address" }));

/** At least 8 characters with an upper-case letter and a digit. */
export const passwordSchema = z
  .string()
  .min(8, "Use at least 8 characters")
  .max(200, "Use at most 200 characters")
  .regex(/[A-Z]/, "Add an upper-case letter")
  .regex(/[0-9]/, "Add a digit");

export const displayNameSchema = z
  .string()
  .trim()
  .min(1, "Enter a name")
  .max(50, "Use at most 50 characters");
export const bioSchema = z.string().trim().max(200, "Use at most 200 characters");

export const registerRequest = z
  .object({ email: emailSchema, password: passwordSchema, name: displayNameSchema.optional() })
  .strict();

export const loginRequest = z.object({ email: z.string().max(254), password: z.string().max(200) }).strict();

/** A site path (`/media/...`) or an http(s) URL: avatars and links never carry other schemes. */
export const webUrlSchema = z
  .string()
  .trim()
  .max(2000)
  .refine((v) => v.startsWith("/") || /^https?:\/\//i.test(v), "Use an http(s) URL");

export const socialLinksSchema = z
  .object({
    website: webUrlSchema.optional(),
    github: webUrlSchema.optional(),
    twitter: webUrlSchema.optional(),
    linkedin: webUrlSchema.optional(),
  })
  .strict();

export const updateProfileRequest = z
  .object({
    name: displayNameSchema.optional(),
    bio: bioSchema.nullable().optional(),
    avatarUrl: webUrlSchema.nullable().optional(),
    socialLinks: socialLinksSchema.optional(),
  })
  .strict();

export const changePasswordRequest = z
  .object({ currentPassword: z.string().max(200), newPassword: passwordSchema })
  .strict();

export const refreshRequest = z.object({ refreshToken: z.string().min(1).max(200) }).strict();

export const roleSchema = z.enum(["USER", "ADMIN"]);
export const userStatusSchema = z.enum(["ACTIVE", "SUSPENDED"]);

export const userResponse = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  bio: z.string().nullable(),
  avatarUrl: z.string().nullable(),
  role: roleSchema,
  status: userStatusSchema,
  socialLinks: z.record(z.string(), z.string()),
  createdAt: z.string(),
});

export const authResponse = z.object({
  accessToken: z.string(),
  expiresIn: z.number().int(),
  /** Opaque, single use; the BFF keeps it in an httpOnly cookie, never in the page. */
  refreshToken: z.string(),
  refreshExpiresAt: z.string(),
  user: userResponse,
});

export const userListQuery = z.object({
  q: z.string().trim().max(100).optional(),
  role: roleSchema.optional(),
  status: userStatusSchema.optional(),
  first: z.coerce.number().int().min(1).max(100).default(20),
  after: z.string().max(200).optional(),
});

export const userPage = z.object({
  items: z.array(userResponse),
  totalCount: z.number().int(),
  pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() }),
});

export const setUserStatusRequest = z.object({ status: userStatusSchema }).strict();
export const setUserRoleRequest = z.object({ role: roleSchema }).strict();

export const userStatsQuery = z.object({ period: z.enum(["daily", "weekly", "monthly"]).default("daily") });
export const userStatsResponse = z.object({
  period: z.enum(["daily", "weekly", "monthly"]),
  trend: z.array(z.object({ bucket: z.string(), signups: z.number().int() })),
  /** Sign-ups by weekday of the site's time zone, Monday first. */
  weekdays: z.array(z.object({ weekday: z.number().int(), signups: z.number().int() })),
  totals: z.object({ users: z.number().int(), admins: z.number().int(), suspended: z.number().int() }),
});

/** Service-to-service: create an account with a role (the demo seed's admin). */
export const createUserInternalRequest = registerRequest.extend({ role: roleSchema }).strict();

export type UserResponse = z.infer<typeof userResponse>;
export type AuthResponse = z.infer<typeof authResponse>;

/** `GET /v1/authors?ids=a,b`: the public card (name, avatar) of each user, for composing without replicas. */
export const authorCardsQuery = z.object({
  ids: z
    .string()
    .max(4000)
    .transform((s) => [...new Set(s.split(",").map((id) => id.trim()))].filter(Boolean))
    .pipe(z.array(z.string().max(100)).min(1, "Give at least one id").max(100, "At most 100 ids")),
});

export const authorCards = z.object({
  items: z.array(z.object({ id: z.string(), name: z.string(), avatarUrl: z.string().nullable() })),
});
export type AuthorCards = z.infer<typeof authorCards>;
