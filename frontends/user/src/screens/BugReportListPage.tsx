import { Link, useDocumentTitle, useSearchParams } from "@quire/shell-sdk";
import { Field, ListStates } from "@quire/ui";
import { BUG_CATEGORIES, BUG_PRIORITIES, BUG_STATUSES, useBugReports } from "../api/bug-reports";
import { FormattedDate } from "../components/FormattedDate";

const labelOf = (list: ReadonlyArray<{ value: string; label: string }>, value: string) =>
  list.find((entry) => entry.value === value)?.label ?? value;

export function BugReportListPage() {
  useDocumentTitle("Bug reports");
  const [searchParams, setSearchParams] = useSearchParams();
  const statusParam = searchParams.get("status");
  const status = BUG_STATUSES.some((s) => s.value === statusParam) ? statusParam : null;
  const list = useBugReports(status);

  return (
    <section className="q-user q-user-page" aria-labelledby="q-user-bugs-heading">
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
      <ListStates
        list={list}
        noun="bug reports"
        emptyTitle="No bug reports"
        emptyMessage={status ? "None with this status." : "Nothing reported yet."}
      >
        {(reports) => (
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
        )}
      </ListStates>
    </section>
  );
}
