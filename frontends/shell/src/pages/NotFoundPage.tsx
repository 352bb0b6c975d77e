import { Link, useDocumentTitle } from "@quire/shell-sdk";
import { EmptyState } from "@quire/ui";

export function NotFoundPage() {
  useDocumentTitle("Page not found");
  return (
    <EmptyState
      headingLevel={1}
      title="Page not found"
      message="There is nothing at this address. It may have moved, or never existed."
      action={<Link to="/">Go to the home page</Link>}
    />
  );
}
