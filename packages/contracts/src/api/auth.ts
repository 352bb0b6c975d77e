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

export const updateProfileRequest = z
  .object({ name: displayNameSchema.optional(), bio: bioSchema.nullable().optional() })
  .strict();

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
  createdAt: z.string(),
});

export const authResponse = z.object({
  accessToken: z.string(),
  expiresIn: z.number().int(),
  user: userResponse,
});

/** Service-to-service: create an account with a role (the demo seed's admin). */
export const createUserInternalRequest = registerRequest.extend({ role: roleSchema }).strict();

export type UserResponse = z.infer<typeof userResponse>;
export type AuthResponse = z.infer<typeof authResponse>;
