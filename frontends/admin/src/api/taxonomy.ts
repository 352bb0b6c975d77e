import { graphqlRequest } from "@quire/shell-sdk";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

export type TaxonomyKind = "category" | "tag";

export interface TaxonomyItem {
  id: string;
  slug: string;
  name: string;
  postCount: number | null;
}

export interface TaxonomyInput {
  name: string;
  slug?: string;
}

const LIST = /* GraphQL */ `
  query AdminTaxonomy {
    categories { id slug name postCount }
    tags { id slug name postCount }
  }
`;

const CREATE_CATEGORY = /* GraphQL */ `
  mutation AdminCreateCategory($input: TaxonomyInput!) {
    createCategory(input: $input) { id slug name postCount }
  }
`;

const UPDATE_CATEGORY = /* GraphQL */ `
  mutation AdminUpdateCategory($id: ID!, $input: TaxonomyUpdateInput!) {
    updateCategory(id: $id, input: $input) { id slug name postCount }
  }
`;

const DELETE_CATEGORY = /* GraphQL */ `
  mutation AdminDeleteCategory($id: ID!) {
    deleteCategory(id: $id)
  }
`;

const CREATE_TAG = /* GraphQL */ `
  mutation AdminCreateTag($input: TaxonomyInput!) {
    createTag(input: $input) { id slug name postCount }
  }
`;

const UPDATE_TAG = /* GraphQL */ `
  mutation AdminUpdateTag($id: ID!, $input: TaxonomyUpdateInput!) {
    updateTag(id: $id, input: $input) { id slug name postCount }
  }
`;

const DELETE_TAG = /* GraphQL */ `
  mutation AdminDeleteTag($id: ID!) {
    deleteTag(id: $id)
  }
`;

export function useTaxonomy() {
  return useQuery({
    queryKey: ["admin", "taxonomy"],
    queryFn: async ({ signal }) =>
      graphqlRequest<{ categories: TaxonomyItem[]; tags: TaxonomyItem[] }>(LIST, undefined, { signal }),
  });
}

function invalidate(queryClient: ReturnType<typeof useQueryClient>) {
  // The reader screens list categories and tags too.
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: ["admin", "taxonomy"] }),
    queryClient.invalidateQueries({ queryKey: ["blog"] }),
  ]);
}

export function useCreateTaxonomy(kind: TaxonomyKind) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: TaxonomyInput) => {
      if (kind === "category") {
        return (
          await graphqlRequest<{ createCategory: TaxonomyItem }, { input: TaxonomyInput }>(CREATE_CATEGORY, {
            input,
          })
        ).createCategory;
      }
      return (
        await graphqlRequest<{ createTag: TaxonomyItem }, { input: TaxonomyInput }>(CREATE_TAG, { input })
      ).createTag;
    },
    onSuccess: () => invalidate(queryClient),
  });
}

export function useUpdateTaxonomy(kind: TaxonomyKind) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (vars: { id: string; input: TaxonomyInput }) => {
      if (kind === "category") {
        return (await graphqlRequest<{ updateCategory: TaxonomyItem }, typeof vars>(UPDATE_CATEGORY, vars))
          .updateCategory;
      }
      return (await graphqlRequest<{ updateTag: TaxonomyItem }, typeof vars>(UPDATE_TAG, vars)).updateTag;
    },
    onSuccess: () => invalidate(queryClient),
  });
}

export function useDeleteTaxonomy(kind: TaxonomyKind) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => {
      if (kind === "category") {
        await graphqlRequest<{ deleteCategory: boolean }, { id: string }>(DELETE_CATEGORY, { id });
      } else {
        await graphqlRequest<{ deleteTag: boolean }, { id: string }>(DELETE_TAG, { id });
      }
    },
    onSuccess: () => invalidate(queryClient),
  });
}
