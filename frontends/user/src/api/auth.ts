import { graphqlRequest, type SessionUser } from "@quire/shell-sdk";
import { useMutation, useQuery } from "@tanstack/react-query";

export interface AuthPayload {
  accessToken: string;
  expiresIn: number;
  user: SessionUser;
}

const LOGIN = /* GraphQL */ `
  mutation UserLogin($email: String!, $password: String!) {
    login(email: $email, password: $password) { accessToken expiresIn user { id email name avatarUrl role } }
  }
`;

const REGISTER = /* GraphQL */ `
  mutation UserRegister($email: String!, $password: String!, $name: String) {
    register(email: $email, password: $password, name: $name) { accessToken expiresIn user { id email name avatarUrl role } }
  }
`;

const OIDC_CONFIG = /* GraphQL */ `query UserOidcConfig { oidcConfig { enabled name } }`;

const COMPLETE_OIDC = /* GraphQL */ `
  mutation UserCompleteOidc($code: String!) {
    completeOidcSignIn(code: $code) { accessToken expiresIn user { id email name avatarUrl role } }
  }
`;

export function useLogin() {
  return useMutation({
    mutationFn: async (variables: { email: string; password: string }) =>
      (await graphqlRequest<{ login: AuthPayload }, typeof variables>(LOGIN, variables)).login,
  });
}

export function useRegister() {
  return useMutation({
    mutationFn: async (variables: { email: string; password: string; name: string | null }) =>
      (await graphqlRequest<{ register: AuthPayload }, typeof variables>(REGISTER, variables)).register,
  });
}

/** Whether the "Sign in with ..." button shows; a failure only hides it. */
export function useOidcConfig() {
  return useQuery({
    queryKey: ["user", "oidcConfig"],
    staleTime: 5 * 60_000,
    retry: false,
    queryFn: async ({ signal }) =>
      (
        await graphqlRequest<{ oidcConfig: { enabled: boolean; name: string } | null }>(
          OIDC_CONFIG,
          undefined,
          { signal },
        )
      ).oidcConfig,
  });
}

export function useCompleteOidcSignIn() {
  return useMutation({
    mutationFn: async (code: string) =>
      (await graphqlRequest<{ completeOidcSignIn: AuthPayload }, { code: string }>(COMPLETE_OIDC, { code }))
        .completeOidcSignIn,
  });
}
