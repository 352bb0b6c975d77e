import { ListStates } from "@quire/ui";
import { type PostListFilter, usePostList } from "../api/posts";
import { PostCard } from "./PostCard";

export interface PostListProps {
  filter?: PostListFilter;
  emptyTitle?: string;
  emptyMessage?: string;
}

/** A paged list of PUBLIC posts (10 a page, "Load more"), with loading, empty and error states. */
export function PostList({
  filter = {},
  emptyTitle = "No posts yet",
  emptyMessage = "Come back soon: the first stories are being written.",
}: PostListProps) {
  const list = usePostList(filter);
  return (
    <ListStates list={list} noun="posts" emptyTitle={emptyTitle} emptyMessage={emptyMessage}>
      {(posts) => (
        <div className="q-blog-list">
          {posts.map((post) => (
            <PostCard key={post.id} post={post} />
          ))}
        </div>
      )}
    </ListStates>
  );
}
