import { graphqlRequest } from "@quire/shell-sdk";
import { useQuery } from "@tanstack/react-query";

// What the shell shows around the reader's pages, in one request: the sidebar, and the home page's pop-up
// notices (small, so fetched with the sidebar on every reader's page rather than asked for apart on `/`).
const READER_FRAME = /* GraphQL */ `
  query ShellReaderFrame {
    sidebar {
      popularPosts { id slug title viewCount }
      popularTags { id slug name postCount }
      recentComments { id authorName content createdAt post { slug title } }
      visitors { today yesterday total }
    }
    homePage { popupNotices { id slug title contentHtml badge } }
  }
`;

export interface SidebarData {
  /** Each part is null when its service could not answer: that box says so, the others show. */
  popularPosts: Array<{ id: string; slug: string; title: string; viewCount: number }> | null;
  popularTags: Array<{ id: string; slug: string; name: string; postCount: number | null }> | null;
  recentComments: Array<{
    id: string;
    authorName: string;
    content: string | null;
    createdAt: string;
    post: { slug: string; title: string };
  }> | null;
  visitors: { today: number; yesterday: number; total: number } | null;
}

export interface PopupNotice {
  id: string;
  slug: string;
  title: string;
  contentHtml: string;
  badge: string;
}

export function useReaderFrame() {
  return useQuery({
    queryKey: ["shell", "readerFrame"] as const,
    queryFn: async ({ signal }) =>
      graphqlRequest<{ sidebar: SidebarData; homePage: { popupNotices: PopupNotice[] | null } }>(
        READER_FRAME,
        undefined,
        { signal },
      ),
    staleTime: 60_000,
  });
}
