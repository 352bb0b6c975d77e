import { Link, useDocumentTitle } from "@quire/shell-sdk";
import { EmptyState } from "@quire/ui";

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
