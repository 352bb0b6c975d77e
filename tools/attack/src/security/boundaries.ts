import { SERVICE_NAMES } from "../stack";
import { check, gql, rest, type SecurityContext } from "./context";

/** Spellings of `/internal/backup` a router might match while a prefix check on the raw URL does not. */
const INTERNAL_SPELLINGS = [
  "/internal/backup",
  "/%69nternal/backup",
  "/%69%6e%74%65%72%6e%61%6c/backup",
  "/internal/%62ackup",
  "/internal%2Fbackup",
  "/./internal/backup",
  "/v1/../internal/backup",
  "//internal/backup",
  "/INTERNAL/backup",
  "/internal/backup?x=1",
  "/internal/backup#x",
  "/internal/backup/",
];

/** Identity and internal credentials come only from a verified token and the service credential. */
export async function boundaryChecks(ctx: SecurityContext, shellUrl: string | null): Promise<void> {
  const { urls, admin, user } = ctx;
  const forged = {
    "x-user-id": admin.id,
    "x-user-role": "ADMIN",
    "x-forwarded-user": admin.id,
    "x-remote-user": admin.id,
  };

  const me = await gql(urls.bff, "{ me { id role } }", {}, undefined, forged);
  check(
    "headers: forged x-user-id/x-user-role leave a BFF guest anonymous",
    me.data?.me == null,
    JSON.stringify(me).slice(0, 200),
  );
  const asUser = await gql(urls.bff, "{ me { id role } }", {}, user.token, forged);
  check(
    "headers: forged identity headers do not turn a user into the admin",
    asUser.data?.me?.id === user.id && asUser.data?.me?.role === "USER",
    JSON.stringify(asUser).slice(0, 200),
  );
  const adminList = await gql(urls.bff, "{ users { totalCount } }", {}, user.token, forged);
  check(
    "headers: forged headers do not open admin queries",
    adminList.codes.includes("FORBIDDEN"),
    adminList.codes.join(","),
  );
  const authMe = await rest(`${urls.auth}/v1/me`, "GET", undefined, undefined, forged);
  check("headers: auth ignores x-user-id without a token", authMe.status === 401, `got ${authMe.status}`);
  const adminUsers = await rest(`${urls.auth}/v1/admin/users`, "GET", user.token, undefined, forged);
  check(
    "headers: auth ignores x-user-role on a user's token",
    adminUsers.status === 403,
    `got ${adminUsers.status}`,
  );
  for (const scheme of ["bearer", "Token", "Basic"]) {
    const res = await fetch(`${urls.auth}/v1/me`, { headers: { authorization: `${scheme} ${admin.token}` } });
    check(
      `headers: authorization scheme "${scheme}" is not accepted as a bearer token`,
      res.status === 401,
      `got ${res.status}`,
    );
  }

  for (const service of [...SERVICE_NAMES, "bff"] as const) {
    const base = urls[service];
    for (const spelling of INTERNAL_SPELLINGS) {
      for (const [how, headers] of [
        ["without a credential", {}],
        ["with a wrong credential", { "x-service-token": "0".repeat(ctx.attack.serviceToken.length) }],
        ["with a user's token", { authorization: `Bearer ${admin.token}` }],
      ] as const) {
        if (spelling !== "/internal/backup" && how !== "without a credential") continue;
        const res = await fetch(`${base}${spelling}`, { headers });
        const body = await res.text();
        check(
          `internal: ${service} ${spelling} ${how} is unreachable`,
          res.status >= 400 && res.status < 500 && !body.includes('"migrations"'),
          `got ${res.status} ${body.slice(0, 120)}`,
        );
      }
    }
    if (service === "bff") continue;
    const writes = await fetch(`${base}/%69nternal/restore`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    check(
      `internal: ${service} restore cannot be reached by an encoded path`,
      writes.status === 403 || writes.status === 404,
      `got ${writes.status}`,
    );
  }
  const users = await fetch(`${urls.auth}/internal/users`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-service-token": "forged" },
    body: JSON.stringify({
      email: "evil@example.com",
      password: "Evil-Password1",
      name: "Evil",
      role: "ADMIN",
    }),
  });
  check(
    "internal: auth refuses to create an admin without the credential",
    users.status === 403,
    `got ${users.status}`,
  );

  if (shellUrl) {
    // The shell forwards a few prefixes to services; none of them may lead to /internal.
    for (const path of [
      "/v1/images/..%2F..%2Finternal%2Fbackup",
      "/v1/images/../../internal/backup",
      "/v1/images/%2e%2e/%2e%2e/internal/backup",
      "/graphql/../internal/backup",
      "/internal/backup",
      "/%69nternal/backup",
      "/v1/images/..%2F..%2F%69nternal%2Fbackup",
      "/sitemap.xml/../internal/backup",
    ]) {
      const res = await fetch(`${shellUrl}${path}`);
      const body = await res.text();
      check(
        `internal: the shell does not lead ${path} to a service's internals`,
        !body.includes('"migrations"'),
        `got ${res.status} ${body.slice(0, 120)}`,
      );
    }
  }
}
