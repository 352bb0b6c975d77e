/** A GraphQL call against the stack's BFF, failing loudly on transport or GraphQL errors. */
export async function graphql<T>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<T> {
  const res = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: Array<{ message: string }> };
  if (!res.ok || body.errors?.length || !body.data) {
    throw new Error(`GraphQL ${res.status}: ${body.errors?.map((e) => e.message).join("; ") ?? "no data"}`);
  }
  return body.data;
}

const POST_FIELDS = `id slug title excerpt coverUrl publishedAt readingMinutes viewCount likeCount commentCount
  category { id slug name }
  author { id name avatarUrl }`;

/** The home page as the blog remote asks for it, plus the latest posts and pop-up notices of the view. */
export const HOME_PAGE = /* GraphQL */ `
  query BenchHomePage {
    homePage {
      featured { ${POST_FIELDS} }
      latest { ${POST_FIELDS} }
      topCategories { id slug name postCount }
      popupNotices { id title }
    }
  }
`;

/**
 * The post page as the blog remote asks for it, less the first page of comments that comes with it (content's
 * part, the same whichever source the authors come from).
 */
export const POST_PAGE = /* GraphQL */ `
  query BenchPost($slug: String!) {
    post(slug: $slug) {
      ${POST_FIELDS}
      contentHtml
      tags { id slug name }
      previous { slug title }
      next { slug title }
      related { ${POST_FIELDS} }
      viewerHasLiked
      viewerHasBookmarked
    }
  }
`;

export const POST_AUTHOR = /* GraphQL */ `
  query BenchPostAuthor($slug: String!) {
    post(slug: $slug) { id author { id name } }
  }
`;

export const POSTS_PAGE = /* GraphQL */ `
  query BenchPosts($after: String) {
    posts(first: 20, after: $after) {
      edges { cursor node { ${POST_FIELDS} } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

export const LOGIN = /* GraphQL */ `
  mutation BenchLogin($email: String!, $password: String!) {
    login(email: $email, password: $password) { accessToken user { id name } }
  }
`;

export const UPDATE_PROFILE = /* GraphQL */ `
  mutation BenchUpdateProfile($name: String!) {
    updateProfile(input: { name: $name }) { id name }
  }
`;
