import { graphqlRequest, type SessionUser, useCursorList } from "@quire/shell-sdk";
import { type InfiniteData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { AuthPayload } from "./auth";

export interface SocialLinks {
  website: string | null;
  github: string | null;
  twitter: string | null;
  linkedin: string | null;
}

export interface Profile extends SessionUser {
  bio: string | null;
  socialLinks: SocialLinks | null;
}

export interface ProfileInput {
  name?: string;
  bio?: string | null;
  /** A site path (/media/...) from an upload; null removes the avatar. */
  avatarUrl?: string | null;
  socialLinks?: Partial<Record<keyof SocialLinks, string>>;
}

export interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

export interface Connection<TNode> {
  edges: Array<{ cursor: string; node: TNode }>;
  pageInfo: PageInfo;
}

export interface Bookmark {
  bookmarkedAt: string;
  post: { id: string; slug: string; title: string };
}

export interface MyComment {
  id: string;
  content: string | null;
  createdAt: string;
  post: { slug: string; title: string } | null;
}

const ME = /* GraphQL */ `query UserMe { me { id email name avatarUrl role bio socialLinks { website github twitter linkedin } } }`;

const UPDATE_PROFILE = /* GraphQL */ `
  mutation UserUpdateProfile($input: ProfileInput!) {
    updateProfile(input: $input) { id email name avatarUrl role bio socialLinks { website github twitter linkedin } }
  }
`;

const CHANGE_PASSWORD = /* GraphQL */ `
  mutation UserChangePassword($currentPassword: String!, $newPassword: String!) {
    changePassword(currentPassword: $currentPassword, newPassword: $newPassword) {
      accessToken expiresIn user { id email name avatarUrl role }
    }
  }
`;

const MY_BOOKMARKS = /* GraphQL */ `
  query UserBookmarks($first: Int!, $after: String) {
    myBookmarks(first: $first, after: $after) {
      edges { cursor node { bookmarkedAt post { id slug title } } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

const REMOVE_BOOKMARKS = /* GraphQL */ `
  mutation UserRemoveBookmarks($postIds: [ID!]!) { removeBookmarks(postIds: $postIds) }
`;

const MY_COMMENTS = /* GraphQL */ `
  query UserComments($first: Int!, $after: String) {
    myComments(first: $first, after: $after) {
      edges { cursor node { id content createdAt post { slug title } } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

export const PAGE_SIZE = 20;

// Keys start with the remote's name: the QueryClient is the shell's, shared by every remote.
export const accountKeys = {
  me: () => ["user", "me"] as const,
  bookmarks: () => ["user", "bookmarks", { first: PAGE_SIZE }] as const,
  comments: () => ["user", "comments", { first: PAGE_SIZE }] as const,
};

export function useProfile() {
  return useQuery({
    queryKey: accountKeys.me(),
    queryFn: async ({ signal }) =>
      (await graphqlRequest<{ me: Profile | null }>(ME, undefined, { signal })).me,
  });
}

export function useUpdateProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: ProfileInput) =>
      (await graphqlRequest<{ updateProfile: Profile }, { input: ProfileInput }>(UPDATE_PROFILE, { input }))
        .updateProfile,
    onSuccess: (profile) => queryClient.setQueryData(accountKeys.me(), profile),
  });
}

export function useChangePassword() {
  return useMutation({
    mutationFn: async (variables: { currentPassword: string; newPassword: string }) =>
      (await graphqlRequest<{ changePassword: AuthPayload }, typeof variables>(CHANGE_PASSWORD, variables))
        .changePassword,
  });
}

function useConnection<TNode>(queryKey: readonly unknown[], query: string, field: string) {
  return useCursorList<TNode, Connection<TNode>>({
    queryKey,
    fetchPage: async (after, signal) => {
      const data = await graphqlRequest<
        Record<string, Connection<TNode>>,
        { first: number; after: string | null }
      >(query, { first: PAGE_SIZE, after }, { signal });
      const page = data[field];
      if (!page) throw new Error("The list could not be loaded");
      return page;
    },
  });
}

export function useMyBookmarks() {
  return useConnection<Bookmark>(accountKeys.bookmarks(), MY_BOOKMARKS, "myBookmarks");
}

export function useRemoveBookmarks() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (postIds: string[]) =>
      (
        await graphqlRequest<{ removeBookmarks: number }, { postIds: string[] }>(REMOVE_BOOKMARKS, {
          postIds,
        })
      ).removeBookmarks,
    onSuccess: (_count, postIds) => {
      // Drop the removed rows at once, then refetch so cursors stay consistent with the server.
      const removed = new Set(postIds);
      queryClient.setQueryData<InfiniteData<Connection<Bookmark>, string | null>>(
        accountKeys.bookmarks(),
        (data) =>
          data && {
            ...data,
            pages: data.pages.map((page) => ({
              ...page,
              edges: page.edges.filter((edge) => !removed.has(edge.node.post.id)),
            })),
          },
      );
      void queryClient.invalidateQueries({ queryKey: accountKeys.bookmarks() });
      // The blog remote caches posts with viewerHasBookmarked.
      void queryClient.invalidateQueries({ queryKey: ["blog"] });
    },
  });
}

export function useMyComments() {
  return useConnection<MyComment>(accountKeys.comments(), MY_COMMENTS, "myComments");
}
