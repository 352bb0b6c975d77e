import { errorMessage, fieldErrors, Link, useDocumentTitle, useParams, useToast } from "@quire/shell-sdk";
import { Button, Card, Field, Skeleton } from "@quire/ui";
import { type FormEvent, useState } from "react";
import {
  BUG_CATEGORIES,
  BUG_STATUSES,
  type BugReportDetail,
  type BugStatus,
  useAdminBugReport,
  useRespondToBugReport,
} from "../../api/bug-reports";
import { Empty, FormattedDate, LoadError, ScreenHeader, StatusBadge } from "../../components/ListStates";
import { bugStatusLabel } from "./BugReportsPage";

function RespondForm({ report }: { report: BugReportDetail }) {
  const toast = useToast();
  const respond = useRespondToBugReport();
  const [reply, setReply] = useState(report.reply ?? "");
  const [status, setStatus] = useState<BugStatus>(report.status === "OPEN" ? "IN_PROGRESS" : report.status);
  const errors = fieldErrors(respond.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    respond.mutate(
      { id: report.id, input: { reply: reply.trim(), status } },
      { onSuccess: () => toast.show("Reply sent", { tone: "success" }) },
    );
  };

  return (
    <Card as="section" className="q-admin-panel" aria-labelledby="q-admin-bug-respond">
      <h2 id="q-admin-bug-respond" className="q-admin-subtitle">
        {report.reply ? "Your answer" : "Answer"}
      </h2>
      <form className="q-admin-form" onSubmit={submit}>
        <Field label="Reply" hint="The reporter sees it on the bug report's page." error={errors.reply}>
          {(control) => (
            <textarea
              {...control}
              className="q-input"
              rows={6}
              maxLength={5000}
              required
              value={reply}
              onChange={(e) => setReply(e.target.value)}
            />
          )}
        </Field>
        <Field label="Status" error={errors.status}>
          {(control) => (
            <select
              {...control}
              className="q-input"
              value={status}
              onChange={(e) => setStatus(e.target.value as BugStatus)}
            >
              {BUG_STATUSES.map((s) => (
                <option key={s.value} value={s.value}>
                  {s.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        {respond.error && Object.keys(errors).length === 0 ? (
          <p className="q-admin-error" role="alert">
            {errorMessage(respond.error)}
          </p>
        ) : null}
        <div className="q-admin-actions">
          <Button type="submit" disabled={respond.isPending}>
            Send reply
          </Button>
        </div>
      </form>
    </Card>
  );
}

/** One bug report in full, with the form to answer it and set its status. */
export function BugReportPage() {
  const { id = "" } = useParams();
  const query = useAdminBugReport(id);
  const report = query.data;
  useDocumentTitle(report?.title ?? "Bug report");

  return (
    <section className="q-admin-screen" aria-labelledby="q-admin-bug-title" aria-busy={query.isFetching}>
      <p className="q-admin-back">
        <Link to="/admin/bug-reports">← All bug reports</Link>
      </p>
      {query.isPending ? (
        <>
          <h1 id="q-admin-bug-title" className="q-admin-title">
            Bug report
          </h1>
          <p className="q-visually-hidden" role="status">
            Loading the bug report
          </p>
          <div aria-hidden="true" className="q-admin-form">
            <Skeleton width="40%" />
            <Skeleton height="6rem" />
          </div>
        </>
      ) : query.isError ? (
        <>
          <h1 id="q-admin-bug-title" className="q-admin-title">
            Bug report
          </h1>
          <LoadError
            title="The bug report could not be loaded"
            error={query.error}
            onRetry={() => void query.refetch()}
          />
        </>
      ) : !report ? (
        <>
          <h1 id="q-admin-bug-title" className="q-admin-title">
            Bug report
          </h1>
          <Empty title="No such bug report" message="It may have been removed." />
        </>
      ) : (
        <>
          <ScreenHeader title={report.title} id="q-admin-bug-title" />
          <p className="q-admin-muted">
            <StatusBadge status={report.status} label={bugStatusLabel(report.status)} />{" "}
            {BUG_CATEGORIES[report.category] ?? report.category} · {report.priority.toLowerCase()} priority ·
            reported <FormattedDate value={report.createdAt} withTime />
            {report.email ? (
              <>
                {" "}
                · <a href={`mailto:${report.email}`}>{report.email}</a>
              </>
            ) : null}
          </p>
          <Card as="section" className="q-admin-panel" aria-labelledby="q-admin-bug-description">
            <h2 id="q-admin-bug-description" className="q-admin-subtitle">
              Description
            </h2>
            <p className="q-admin-prewrap">{report.description ?? "No description."}</p>
            {report.repliedAt ? (
              <p className="q-admin-muted">
                Answered <FormattedDate value={report.repliedAt} withTime />
              </p>
            ) : null}
          </Card>
          <RespondForm key={report.id} report={report} />
        </>
      )}
    </section>
  );
}
