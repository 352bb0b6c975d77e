import type { ServiceDefinition } from "@quire/service-kit";
import { loadSigningKeys, type SigningKeys } from "./keys/signing-keys";
import { registerAccountRoutes } from "./routes/accounts";
import { registerAdminUserRoutes } from "./routes/admin-users";
import { registerAuthorRoutes } from "./routes/authors";
import { registerInternalRoutes } from "./routes/internal";
import { registerOidcRoutes } from "./routes/oidc";
import { registerPasswordRoutes } from "./routes/passwords";

/** The auth service: it signs access tokens, so it verifies them with its own keys, not over HTTP. */
export function authService(): ServiceDefinition {
  let keys: SigningKeys;
  return {
    name: "auth",
    migrations: new URL("../migrations/", import.meta.url),
    keySet: async (ctx) => {
      keys = await loadSigningKeys(ctx.db);
      return keys.keySet;
    },
    routes: (app, ctx) => {
      registerAccountRoutes(app, ctx, keys);
      registerPasswordRoutes(app, ctx, keys);
      registerAdminUserRoutes(app, ctx);
      registerInternalRoutes(app, ctx);
      registerAuthorRoutes(app, ctx);
      registerOidcRoutes(app, ctx, keys);
    },
  };
}
