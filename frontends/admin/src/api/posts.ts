import { graphqlRequest } from "@quire/shell-sdk";
import {
  type InfiniteData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";

export type PostStatus = "DRAFT" | "PUBLIC" | "PRIVATE";
export type AdminPostSort = "DATE" | "VIEWS" | "LIKES";

export interface TaxonomyRef {
  id: string;
  slug: string;
  name: string;
}

export interface AdminPost {
  id: string;
  slug: string;
  title: string;
  excerpt: string;
  /** Only on single-post answers; null in lists. */
  contentHtml: string | null;
  coverUrl: string | null;
  status: PostStatus;
  publishedAt: string | null;
  updatedAt: string | null;
  viewCount: number;
  likeCount: number;
  commentCount: number;
  category: TaxonomyRef | null;
  tags: TaxonomyRef[];
}

export interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

export interface AdminPostConnection {
  edges: Array<{ cursor: string; node: AdminPost }>;
  pageInfo: PageInfo;
}

export interface AdminPostFilter {
  q?: string | undefined;
  category?: string | undefined;
  status?: PostStatus | undefined;
}

/** What the editor sends on publish (createPost) and on update (updatePost). */
export interface PostInput {
  title: string;
  contentHtml: string;
  excerpt: string;
  categoryId: string;
  tags: string[];
  status: PostStatus;
  coverUrl: string | null;
  publishedAt?: string | undefined;
}

const ADMIN_POSTS_QUERY = /* GraphQL */ `
  query AdminPosts($filter: AdminPostFilter, $sort: AdminPostSort, $first: Int, $after: String) {
    adminPosts(filter: $filter, sort: $sort, first: $first, after: $after) {
      edges {
        cursor
        node {
          id slug title excerpt coverUrl status publishedAt updatedAt
          viewCount likeCount commentCount
          category { id slug name }
          tags { id slug name }
        }
      }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

/**
 * The schema has no admin query for one post by id, but `post(slug)` shows non-PUBLIC posts to admins, so
 * the editor loads a post by the slug the list links with.
 */
const ADMIN_POST_FOR_EDIT_QUERY = /* GraphQL */ `
  query AdminPostForEdit($slug: String!) {
    post(slug: $slug) {
      id slug title excerpt contentHtml coverUrl status publishedAt
      viewCount likeCount commentCount
      category { id slug name }
      tags { id slug name }
    }
  }
`;

const ADMIN_CATEGORIES_QUERY = /* GraphQL */ `
  query AdminCategories {
    categories { id slug name }
  }
`;

const ADMIN_CREATE_POST_MUTATION = /* GraphQL */ `
  mutation AdminCreatePost($input: PostInput!) {
    createPost(input: $input) {
      id slug title excerpt contentHtml coverUrl status publishedAt updatedAt
      viewCount likeCount commentCount
      category { id slug name }
      tags { id slug name }
    }
  }
`;

const ADMIN_UPDATE_POST_MUTATION = /* GraphQL */ `
  mutation AdminUpdatePost($id: ID!, $input: PostUpdateInput!) {
    updatePost(id: $id, input: $input) {
      id slug title excerpt contentHtml coverUrl status publishedAt updatedAt
      viewCount likeCount commentCount
      category { id slug name }
      tags { id slug name }
    }
  }
`;

const ADMIN_DELETE_POSTS_MUTATION = /* GraphQL */ `
  mutation AdminDeletePosts($ids: [ID!]!) {
    deletePosts(ids: $ids)
  }
`;

export const ADMIN_PAGE_SIZE = 20;

// Keys start with the remote's name: the QueryClient is the shell's, shared by every remote.
export const adminPostKeys = {
  all: ["admin", "posts"] as const,
  list: (filter: AdminPostFilter, sort: AdminPostSort) =>
    [
      "admin",
      "posts",
      "list",
      { q: filter.q ?? null, category: filter.category ?? null, status: filter.status ?? null, sort },
    ] as const,
  edit: (slug: string) => ["admin", "posts", "edit", slug] as const,
  categories: ["admin", "categories"] as const,
};

export function useAdminPosts(filter: AdminPostFilter, sort: AdminPostSort) {
  return useInfiniteQuery<
    AdminPostConnection,
    Error,
    InfiniteData<AdminPostConnection>,
    ReturnType<typeof adminPostKeys.list>,
    string | null
  >({
    queryKey: adminPostKeys.list(filter, sort),
    initialPageParam: null,
    getNextPageParam: (last) => (last.pageInfo.hasNextPage ? last.pageInfo.endCursor : undefined),
    queryFn: async ({ pageParam, signal }) => {
      const cleaned = {
        ...(filter.q ? { q: filter.q } : {}),
        ...(filter.category ? { category: filter.category } : {}),
        ...(filter.status ? { status: filter.status } : {}),
      };
      const data = await graphqlRequest<{ adminPosts: AdminPostConnection }, Record<string, unknown>>(
        ADMIN_POSTS_QUERY,
        { filter: cleaned, sort, first: ADMIN_PAGE_SIZE, after: pageParam },
        { signal },
      );
      return data.adminPosts;
    },
  });
}

export function usePostForEdit(slug: string | null) {
  return useQuery({
    queryKey: adminPostKeys.edit(slug ?? ""),
    enabled: Boolean(slug),
    // The editor keeps its own copy while open: a background refetch must not overwrite typing.
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
    queryFn: async ({ signal }) => {
      const data = await graphqlRequest<{ post: AdminPost | null }, { slug: string }>(
        ADMIN_POST_FOR_EDIT_QUERY,
        { slug: slug ?? "" },
        { signal },
      );
      return data.post;
    },
  });
}

export function useCategories() {
  return useQuery({
    queryKey: adminPostKeys.categories,
    staleTime: 60_000,
    queryFn: async ({ signal }) => {
      const data = await graphqlRequest<{ categories: TaxonomyRef[] }>(
        ADMIN_CATEGORIES_QUERY,
        {},
        { signal },
      );
      return data.categories;
    },
  });
}

export function createPost(input: PostInput): Promise<AdminPost> {
  return graphqlRequest<{ createPost: AdminPost }, { input: PostInput }>(ADMIN_CREATE_POST_MUTATION, {
    input,
  }).then((data) => data.createPost);
}

export function updatePost(id: string, input: Partial<PostInput>): Promise<AdminPost> {
  return graphqlRequest<{ updatePost: AdminPost }, { id: string; input: Partial<PostInput> }>(
    ADMIN_UPDATE_POST_MUTATION,
    { id, input },
  ).then((data) => data.updatePost);
}

export function deletePosts(ids: string[]): Promise<string[]> {
  return graphqlRequest<{ deletePosts: string[] }, { ids: string[] }>(ADMIN_DELETE_POSTS_MUTATION, {
    ids,
  }).then((data) => data.deletePosts);
}

/** Deletes posts, then refreshes every admin list (and the blog's, whose cache may still hold them). */
export function useDeletePosts() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deletePosts,
    onSettled: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: adminPostKeys.all }),
        queryClient.invalidateQueries({ queryKey: ["blog"] }),
      ]);
    },
  });
}
