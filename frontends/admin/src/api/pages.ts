import { graphqlRequest } from "@quire/shell-sdk";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

export interface PageSection {
  heading: string;
  body: string;
}

export interface AdminStaticPage {
  slug: string;
  title: string;
  sections: PageSection[];
  updatedAt: string | null;
  edited: boolean;
}

export interface StaticPageInput {
  title: string;
  sections: PageSection[];
}

const LIST = /* GraphQL */ `
  query AdminStaticPages {
    adminPages {
      staticPages { slug title sections { heading body } updatedAt edited }
    }
  }
`;

const UPDATE = /* GraphQL */ `
  mutation AdminUpdateStaticPage($slug: String!, $input: StaticPageInput!) {
    updateStaticPage(slug: $slug, input: $input) { slug title sections { heading body } updatedAt edited }
  }
`;

export function useStaticPages() {
  return useQuery({
    queryKey: ["admin", "static-pages"],
    queryFn: async ({ signal }) =>
      (await graphqlRequest<{ adminPages: { staticPages: AdminStaticPage[] } }>(LIST, undefined, { signal }))
        .adminPages.staticPages,
  });
}

export function useUpdateStaticPage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (vars: { slug: string; input: StaticPageInput }) =>
      (await graphqlRequest<{ updateStaticPage: AdminStaticPage }, typeof vars>(UPDATE, vars))
        .updateStaticPage,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ["admin", "static-pages"] }),
        queryClient.invalidateQueries({ queryKey: ["blog"] }),
      ]),
  });
}
