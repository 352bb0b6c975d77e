import { useDocumentTitle } from "@quire/shell-sdk";
import { Button, EmptyState, ErrorState, Field } from "@quire/ui";
import { Link, useSearchParams } from "react-router-dom";
import { BUG_CATEGORIES, BUG_PRIORITIES, BUG_STATUSES, useBugReports } from "../api/bug-reports";
import { FormattedDate, ListSkeleton } from "../components/ListSkeleton";
import { LoadMore } from "../components/LoadMore";

const labelOf = (list: ReadonlyArray<{ value: string; label: string }>, value: string) =>
  list.find((entry) => entry.value === value)?.label ?? value;

export function BugReportListPage() {
  useDocumentTitle("Bug reports");
  const [searchParams, setSearchParams] = useSearchParams();
  const statusParam = searchParams.get("status");
  const status = BUG_STATUSES.some((s) => s.value === statusParam) ? statusParam : null;
  const query = useBugReports(status);
  const reports = query.data?.pages.flatMap((page) => page.edges.map((edge) => edge.node)) ?? [];

  return (
    <section
      className="q-user q-user-page"
      aria-labelledby="q-user-bugs-heading"
      aria-busy={query.isFetching}
    >
      <h1 id="q-user-bugs-heading" className="q-user-title">
        Bug reports
      </h1>
      <div className="q-user-toolbar">
        <Field label="Status">
          {(control) => (
            <select
              {...control}
              className="q-input"
              value={status ?? ""}
              onChange={(e) =>
                setSearchParams(e.target.value ? { status: e.target.value } : {}, { replace: true })
              }
            >
              <option value="">All</option>
              {BUG_STATUSES.map((s) => (
                <option key={s.value} value={s.value}>
                  {s.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Link className="q-button q-button--primary q-button--small" to="/bug-report">
          Report a bug
        </Link>
      </div>
      {query.isPending ? (
        <ListSkeleton label="Loading bug reports" />
      ) : query.isError && reports.length === 0 ? (
        <ErrorState
          title="The bug reports could not be loaded"
          message={query.error.message}
          action={<Button onClick={() => void query.refetch()}>Try again</Button>}
        />
      ) : reports.length === 0 ? (
        <EmptyState
          title="No bug reports"
          message={status ? "None with this status." : "Nothing reported yet."}
        />
      ) : (
        <>
          <ul className="q-user-list">
            {reports.map((report) => (
              <li key={report.id} className="q-user-list__item">
                <span className="q-user-list__title">{report.title}</span>
                <span className="q-user-muted">
                  <span className={`q-user-badge q-user-badge--${report.status.toLowerCase()}`}>
                    {labelOf(BUG_STATUSES, report.status)}
                  </span>{" "}
                  {labelOf(BUG_CATEGORIES, report.category)} · {labelOf(BUG_PRIORITIES, report.priority)}{" "}
                  priority · <FormattedDate value={report.createdAt} />
                </span>
              </li>
            ))}
          </ul>
          <LoadMore
            what="reports"
            hasNextPage={query.hasNextPage}
            isFetchingNextPage={query.isFetchingNextPage}
            error={query.isFetchNextPageError ? query.error : null}
            onLoadMore={() => void query.fetchNextPage()}
          />
        </>
      )}
    </section>
  );
}
