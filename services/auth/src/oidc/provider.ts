import * as client from "openid-client";
import type { OidcSettings } from "./settings";

/** Seconds before a call to the provider gives up. */
const PROVIDER_TIMEOUT_SECONDS = 10;

export interface AuthorizationRequest {
  url: URL;
  state: string;
  nonce: string;
  codeVerifier: string;
}

export interface VerifiedIdentity {
  issuer: string;
  subject: string;
  email: string;
  emailVerified: boolean;
  name: string | null;
}

/** Why a sign-in failed, as the login page is told it (`/login#oidcError=<reason>`). */
export class OidcFailure extends Error {
  constructor(
    readonly reason: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The relying party: discovery (cached once it succeeds), the authorization URL and the code exchange. */
export class OidcProvider {
  private configuration: Promise<client.Configuration> | null = null;

  constructor(readonly settings: OidcSettings) {}

  private config(): Promise<client.Configuration> {
    this.configuration ??= this.discover().catch((error: unknown) => {
      // A provider that was down must be asked again next time, not cached as broken.
      this.configuration = null;
      throw new OidcFailure("provider", "OpenID provider discovery failed", { cause: error });
    });
    return this.configuration;
  }

  private async discover(): Promise<client.Configuration> {
    const { issuer, clientId, clientSecret } = this.settings;
    const execute = [client.enableNonRepudiationChecks];
    // Plain HTTP only for a provider on this machine (a development or test provider).
    if (issuer.protocol === "http:" && isLoopback(issuer.hostname))
      execute.push(client.allowInsecureRequests);
    return client.discovery(issuer, clientId, clientSecret, undefined, {
      execute,
      timeout: PROVIDER_TIMEOUT_SECONDS,
    });
  }

  async authorizationRequest(): Promise<AuthorizationRequest> {
    const config = await this.config();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const codeVerifier = client.randomPKCECodeVerifier();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.settings.redirectUrl.href,
      response_type: "code",
      scope: "openid email profile",
      state,
      nonce,
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: "S256",
    });
    return { url, state, nonce, codeVerifier };
  }

  /**
   * Checks the authorization response against the stored state, trades the code (with the PKCE verifier)
   * and validates the ID token: signature, issuer, audience, nonce and expiry.
   */
  async verifyCallback(
    query: string,
    expected: { state: string; nonce: string; codeVerifier: string },
  ): Promise<VerifiedIdentity> {
    const config = await this.config();
    const currentUrl = new URL(this.settings.redirectUrl.href);
    currentUrl.search = query;
    let claims: client.IDToken | undefined;
    try {
      const tokens = await client.authorizationCodeGrant(config, currentUrl, {
        expectedState: expected.state,
        expectedNonce: expected.nonce,
        pkceCodeVerifier: expected.codeVerifier,
        idTokenExpected: true,
      });
      claims = tokens.claims();
    } catch (error) {
      throw new OidcFailure("token", "The provider's response did not verify", { cause: error });
    }
    if (!claims) throw new OidcFailure("token", "The provider returned no ID token");
    const email = typeof claims.email === "string" ? claims.email.trim().toLowerCase() : "";
    if (!email) throw new OidcFailure("email", "The ID token has no email");
    return {
      issuer: claims.iss,
      subject: claims.sub,
      email,
      // Some providers send the flag as a string.
      emailVerified: claims.email_verified === true || claims.email_verified === "true",
      name: typeof claims.name === "string" ? claims.name : null,
    };
  }
}

function isLoopback(hostname: string): boolean {
  return hostname === "localhost" || hostname === "[::1]" || /^127(\.\d{1,3}){3}$/.test(hostname);
}
