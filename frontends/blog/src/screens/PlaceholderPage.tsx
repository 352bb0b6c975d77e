import { useDocumentTitle } from "@quire/shell-sdk";
import { EmptyState } from "@quire/ui";
import { Link } from "react-router-dom";

/** Paths the blog owns whose screens are not built yet. */
export function ComingSoonPage({ title }: { title: string }) {
  useDocumentTitle(title);
  return (
    <EmptyState
      headingLevel={1}
      title={title}
      message="This page is coming soon."
      action={<Link to="/">Back to the latest posts</Link>}
    />
  );
}

export function BlogNotFoundPage() {
  useDocumentTitle("Page not found");
  return (
    <EmptyState
      headingLevel={1}
      title="Page not found"
      message="There is nothing at this address."
      action={<Link to="/">Back to the latest posts</Link>}
    />
  );
}
