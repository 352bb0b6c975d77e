import { graphqlRequest } from "@quire/shell-sdk";
import { type InfiniteData, useInfiniteQuery, useQuery } from "@tanstack/react-query";

export interface AuthorSummary {
  id: string;
  name: string;
  avatarUrl: string | null;
}

export interface PostSummary {
  id: string;
  slug: string;
  title: string;
  excerpt: string;
  publishedAt: string | null;
  readingMinutes: number;
  /** Null when the author's service could not answer (partial result). */
  author: AuthorSummary | null;
}

export interface Post extends PostSummary {
  contentHtml: string;
  category: { id: string; slug: string; name: string } | null;
  tags: Array<{ id: string; slug: string; name: string }>;
}

export interface PostPage {
  edges: Array<{ cursor: string; node: PostSummary }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

const POST_SUMMARY_FIELDS = `
  id slug title excerpt publishedAt readingMinutes
  author { id name avatarUrl }
`;

const POSTS_QUERY = `
  query BlogPosts($first: Int!, $after: String) {
    posts(first: $first, after: $after) {
      edges { cursor node { ${POST_SUMMARY_FIELDS} } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

const POST_QUERY = `
  query BlogPost($slug: String!) {
    post(slug: $slug) {
      ${POST_SUMMARY_FIELDS}
      contentHtml
      category { id slug name }
      tags { id slug name }
    }
  }
`;

export const PAGE_SIZE = 10;

// Keys start with the remote's name: the QueryClient is the shell's, shared by every remote.
export const postKeys = {
  list: () => ["blog", "posts", { first: PAGE_SIZE }] as const,
  detail: (slug: string) => ["blog", "post", slug] as const,
};

export function usePostList() {
  return useInfiniteQuery<
    PostPage,
    Error,
    InfiniteData<PostPage, string | null>,
    readonly unknown[],
    string | null
  >({
    queryKey: postKeys.list(),
    initialPageParam: null,
    queryFn: async ({ pageParam, signal }) => {
      const data = await graphqlRequest<{ posts: PostPage }, { first: number; after: string | null }>(
        POSTS_QUERY,
        { first: PAGE_SIZE, after: pageParam },
        { signal },
      );
      return data.posts;
    },
    getNextPageParam: (last) => (last.pageInfo.hasNextPage ? last.pageInfo.endCursor : undefined),
  });
}

export function usePost(slug: string) {
  return useQuery({
    queryKey: postKeys.detail(slug),
    queryFn: async ({ signal }) => {
      const data = await graphqlRequest<{ post: Post | null }, { slug: string }>(
        POST_QUERY,
        { slug },
        { signal },
      );
      return data.post;
    },
  });
}
