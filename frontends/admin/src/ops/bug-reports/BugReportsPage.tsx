import { Link, useDocumentTitle, useSearchParams } from "@quire/shell-sdk";
import { Field, ListSkeleton, LoadMore } from "@quire/ui";
import { BUG_CATEGORIES, BUG_STATUSES, useAdminBugReports } from "../../api/bug-reports";
import { Empty, FormattedDate, LoadError, ScreenHeader, StatusBadge } from "../../components/ListStates";

export const bugStatusLabel = (status: string) =>
  BUG_STATUSES.find((s) => s.value === status)?.label ?? status;

/** Bug reports from readers, by status; each opens to be answered. */
export function BugReportsPage() {
  useDocumentTitle("Bug reports");
  const [searchParams, setSearchParams] = useSearchParams();
  const statusParam = searchParams.get("status");
  const status = BUG_STATUSES.find((s) => s.value === statusParam)?.value ?? null;
  const { query, items } = useAdminBugReports(status);

  return (
    <section className="q-admin-screen" aria-labelledby="q-admin-bugs-title" aria-busy={query.isFetching}>
      <ScreenHeader title="Bug reports" id="q-admin-bugs-title" />
      <div className="q-admin-toolbar">
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
      </div>
      {query.isPending ? (
        <ListSkeleton label="Loading bug reports" />
      ) : query.isError && items.length === 0 ? (
        <LoadError
          title="The bug reports could not be loaded"
          error={query.error}
          onRetry={() => void query.refetch()}
        />
      ) : items.length === 0 ? (
        <Empty
          title="No bug reports"
          message={status ? "None with this status." : "Nobody has reported a bug."}
        />
      ) : (
        <>
          <ul className="q-admin-list">
            {items.map((report) => (
              <li key={report.id} className="q-admin-list__item q-admin-row">
                <div className="q-admin-row__main">
                  <Link className="q-admin-row__title" to={`/admin/bug-reports/${report.id}`}>
                    {report.title}
                  </Link>
                  <span className="q-admin-muted">
                    <StatusBadge status={report.status} label={bugStatusLabel(report.status)} />{" "}
                    {BUG_CATEGORIES[report.category] ?? report.category} · {report.priority.toLowerCase()}{" "}
                    priority · <FormattedDate value={report.createdAt} />
                    {report.reply ? " · answered" : null}
                  </span>
                </div>
              </li>
            ))}
          </ul>
          <LoadMore
            noun="reports"
            hasNextPage={query.hasNextPage}
            isFetchingNextPage={query.isFetchingNextPage}
            nextPageError={query.isFetchNextPageError ? query.error : null}
            onLoadMore={() => void query.fetchNextPage()}
          />
        </>
      )}
    </section>
  );
}
