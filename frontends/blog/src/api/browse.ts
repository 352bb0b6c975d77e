import { graphqlRequest, useCursorList } from "@quire/shell-sdk";
import {
  type InfiniteData,
  type QueryClient,
  queryOptions,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import {
  type CategorySummary,
  PAGE_SIZE,
  type PageInfo,
  type PostConnection,
  type PostSummary,
  postKeys,
  type TagSummary,
} from "./posts";

export interface HomePageData {
  /** Each field is null when its service could not answer. */
  featured: PostSummary | null;
  topCategories: CategorySummary[] | null;
}

// The home page's list of latest posts comes in the same request: its first page seeds the list's cache.
const HOME_QUERY = /* GraphQL */ `
  query BlogHome($first: Int!) {
    homePage {
      featured { id slug title excerpt coverUrl publishedAt readingMinutes viewCount likeCount commentCount category { id slug name } author { id name avatarUrl } }
      topCategories { id slug name postCount }
    }
    posts(first: $first) {
      edges { cursor node { id slug title excerpt coverUrl publishedAt readingMinutes viewCount likeCount commentCount category { id slug name } author { id name avatarUrl } } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

/** The home page's query; its answer also seeds the first page of the latest posts. */
export function homePageQuery(queryClient: QueryClient) {
  return queryOptions({
    queryKey: ["blog", "home"] as const,
    queryFn: async ({ signal }) => {
      const data = await graphqlRequest<{ homePage: HomePageData; posts: PostConnection }, { first: number }>(
        HOME_QUERY,
        { first: PAGE_SIZE },
        { signal },
      );
      const latest = postKeys.list();
      if (!queryClient.getQueryData(latest)) {
        queryClient.setQueryData<InfiniteData<PostConnection, string | null>>(latest, {
          pages: [data.posts],
          pageParams: [null],
        });
      }
      return data.homePage;
    },
  });
}

export function useHomePage() {
  return useQuery(homePageQuery(useQueryClient()));
}

const CATEGORIES_QUERY = /* GraphQL */ `query BlogCategories { categories { id slug name postCount } }`;

export function useCategories() {
  return useQuery({
    queryKey: ["blog", "categories"] as const,
    queryFn: async ({ signal }) =>
      (await graphqlRequest<{ categories: CategorySummary[] }>(CATEGORIES_QUERY, undefined, { signal }))
        .categories,
    staleTime: 60_000,
  });
}

const CATEGORY_QUERY = /* GraphQL */ `query BlogCategory($slug: String!) { category(slug: $slug) { id slug name postCount } }`;

export function useCategory(slug: string) {
  return useQuery({
    queryKey: ["blog", "category", slug] as const,
    queryFn: async ({ signal }) =>
      (
        await graphqlRequest<{ category: CategorySummary | null }, { slug: string }>(
          CATEGORY_QUERY,
          { slug },
          { signal },
        )
      ).category,
  });
}

const TAG_QUERY = /* GraphQL */ `query BlogTag($slug: String!) { tag(slug: $slug) { id slug name postCount } }`;

export function useTag(slug: string) {
  return useQuery({
    queryKey: ["blog", "tag", slug] as const,
    queryFn: async ({ signal }) =>
      (await graphqlRequest<{ tag: TagSummary | null }, { slug: string }>(TAG_QUERY, { slug }, { signal }))
        .tag,
  });
}

export interface SearchHit {
  cursor: string;
  node: PostSummary;
  /** HTML escaped by the server, matches in <mark>. */
  titleHighlighted: string;
  /** HTML escaped by the server, matches in <mark>. */
  snippet: string;
}

interface SearchConnection {
  edges: SearchHit[];
  pageInfo: PageInfo;
}

const SEARCH_QUERY = /* GraphQL */ `
  query BlogSearch($query: String!, $first: Int!, $after: String) {
    search(query: $query, first: $first, after: $after) {
      edges { cursor titleHighlighted snippet node { id slug title excerpt coverUrl publishedAt readingMinutes viewCount likeCount commentCount category { id slug name } author { id name avatarUrl } } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

export function useSearch(query: string) {
  return useCursorList<SearchHit, SearchConnection>({
    queryKey: ["blog", "search", query],
    selectItem: (edge) => edge,
    enabled: query.length > 0,
    fetchPage: async (after, signal) =>
      (
        await graphqlRequest<{ search: SearchConnection }, Record<string, unknown>>(
          SEARCH_QUERY,
          { query, first: PAGE_SIZE, after },
          { signal },
        )
      ).search,
  });
}

export interface Notice {
  id: string;
  slug: string;
  title: string;
  contentHtml: string;
  badge: string;
  color: string;
  pinned: boolean;
  publishedAt: string | null;
  previous: { slug: string; title: string } | null;
  next: { slug: string; title: string } | null;
}

export type NoticeSummary = Omit<Notice, "contentHtml" | "previous" | "next">;

interface NoticeConnection {
  edges: Array<{ cursor: string; node: NoticeSummary }>;
  pageInfo: PageInfo;
}

const NOTICES_QUERY = /* GraphQL */ `
  query BlogNotices($first: Int!, $after: String) {
    notices(first: $first, after: $after) {
      edges { cursor node { id slug title badge color pinned publishedAt } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

export function useNotices() {
  return useCursorList<NoticeSummary, NoticeConnection>({
    queryKey: ["blog", "notices"],
    fetchPage: async (after, signal) =>
      (
        await graphqlRequest<{ notices: NoticeConnection }, Record<string, unknown>>(
          NOTICES_QUERY,
          { first: PAGE_SIZE, after },
          { signal },
        )
      ).notices,
  });
}

const NOTICE_QUERY = /* GraphQL */ `
  query BlogNotice($slug: String!) {
    notice(slug: $slug) {
      id slug title contentHtml badge color pinned publishedAt
      previous { slug title }
      next { slug title }
    }
  }
`;

export function useNotice(slug: string) {
  return useQuery({
    queryKey: ["blog", "notice", slug] as const,
    queryFn: async ({ signal }) =>
      (await graphqlRequest<{ notice: Notice | null }, { slug: string }>(NOTICE_QUERY, { slug }, { signal }))
        .notice,
  });
}

export interface StaticPage {
  slug: string;
  title: string;
  sections: Array<{ heading: string; body: string }>;
  updatedAt: string | null;
}

const PAGE_QUERY = /* GraphQL */ `
  query BlogStaticPage($slug: String!) {
    page(slug: $slug) { slug title updatedAt sections { heading body } }
  }
`;

export function useStaticPage(slug: string) {
  return useQuery({
    queryKey: ["blog", "page", slug] as const,
    queryFn: async ({ signal }) =>
      (await graphqlRequest<{ page: StaticPage | null }, { slug: string }>(PAGE_QUERY, { slug }, { signal }))
        .page,
  });
}
