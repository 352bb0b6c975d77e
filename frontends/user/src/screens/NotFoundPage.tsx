import { Link, useDocumentTitle } from "@quire/shell-sdk";
import { EmptyState } from "@quire/ui";

export function UserNotFoundPage() {
  useDocumentTitle("Page not found");
  return (
    <section className="q-user q-user-page">
      <EmptyState
        headingLevel={1}
        title="Page not found"
        message="There is nothing at this address."
        action={<Link to="/">Go to the home page</Link>}
      />
    </section>
  );
}
