import type { Env } from "@quire/service-kit";

export interface OidcSettings {
  issuer: URL;
  clientId: string;
  clientSecret: string;
  /** The public callback URL the provider sends the browser back to. */
  redirectUrl: URL;
  /** The sign-in button's label. */
  name: string;
}

/** OIDC sign-in is on only when issuer, client and callback are all configured. */
export function loadOidcSettings(env: Env): OidcSettings | null {
  const issuer = env.OIDC_ISSUER?.trim();
  const clientId = env.OIDC_CLIENT_ID?.trim();
  const clientSecret = env.OIDC_CLIENT_SECRET?.trim();
  const redirectUrl = env.OIDC_REDIRECT_URL?.trim();
  if (!issuer || !clientId || !clientSecret || !redirectUrl) return null;
  return {
    issuer: new URL(issuer),
    clientId,
    clientSecret,
    redirectUrl: new URL(redirectUrl),
    name: env.OIDC_NAME?.trim() || "Google",
  };
}
