import type { UserState } from "@quire/contracts";
import type { UserRow } from "../schema";

export function toUserResponse(u: UserRow) {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    bio: u.bio,
    avatarUrl: u.avatarUrl,
    role: u.role,
    status: u.status,
    socialLinks: u.socialLinks ?? {},
    createdAt: new Date(u.createdAt).toISOString(),
  };
}

export function toUserState(u: UserRow): UserState {
  return { id: u.id, name: u.name, avatarUrl: u.avatarUrl, bio: u.bio, role: u.role, status: u.status };
}
