/** Where the shell mounts the admin remote; the editor's links and redirects are absolute under it. */
export const ADMIN_BASE = "/admin";

export const adminPaths = {
  posts: `${ADMIN_BASE}/posts`,
  newPost: `${ADMIN_BASE}/posts/new`,
  drafts: `${ADMIN_BASE}/drafts`,
  draft: (id: string) => `${ADMIN_BASE}/drafts/${encodeURIComponent(id)}`,
  /** The post is loaded by its slug (the API has no admin query by id), so the link carries both. */
  editPost: (id: string, slug: string) =>
    `${ADMIN_BASE}/posts/${encodeURIComponent(id)}/edit?slug=${encodeURIComponent(slug)}`,
  blogPost: (slug: string) => `/posts/${encodeURIComponent(slug)}`,
};
