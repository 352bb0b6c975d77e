import { errorMessage, useDocumentTitle, useToast } from "@quire/shell-sdk";
import { Button, Card, ConfirmDialog, LoadMore } from "@quire/ui";
import { useState } from "react";
import {
  type DeadLetter,
  type ServicePipeline,
  useDeadLetterAction,
  useEventPipeline,
} from "../../api/events";
import {
  Empty,
  FormattedDate,
  formatNumber,
  LoadError,
  ScreenHeader,
  StatSkeleton,
  StatusBadge,
} from "../../components/ListStates";

const LIMIT_STEP = 50;

const SERVICE_NAMES: Record<string, string> = {
  AUTH: "Accounts (auth)",
  BLOG: "Blog",
  CONTENT: "Comments and likes (content)",
  PAGE: "Pages",
  ANALYTICS: "Analytics",
  STORAGE: "Storage",
};

/** The payload as indented JSON; text that is not JSON is shown as it is. */
function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

type PendingAction = { action: "replay" | "discard"; letter: DeadLetter };

function DeadLetterItem({
  letter,
  onAction,
}: {
  letter: DeadLetter;
  onAction: (action: PendingAction) => void;
}) {
  return (
    <li className="q-admin-list__item q-admin-letter">
      <div className="q-admin-letter__head">
        <code className="q-admin-letter__type">{letter.type}</code>
        <span className="q-admin-muted">
          {letter.attempts} {letter.attempts === 1 ? "attempt" : "attempts"} · queue {letter.queue} · dead{" "}
          <FormattedDate value={letter.deadAt} withTime />
        </span>
      </div>
      <dl className="q-admin-letter__details">
        <dt>Error</dt>
        <dd className="q-admin-letter__error">{letter.error}</dd>
        {letter.aggregateId ? (
          <>
            <dt>Aggregate</dt>
            <dd>
              <code>{letter.aggregateId}</code>
            </dd>
          </>
        ) : null}
        <dt>Event</dt>
        <dd>
          <code>{letter.eventId}</code>
          {letter.occurredAt ? (
            <>
              {" "}
              · occurred <FormattedDate value={letter.occurredAt} withTime />
            </>
          ) : null}
        </dd>
      </dl>
      <div className="q-admin-letter__payload">
        <p className="q-admin-letter__label">Payload</p>
        <pre>{prettyJson(letter.payload)}</pre>
      </div>
      <div className="q-admin-actions">
        <Button size="small" variant="secondary" onClick={() => onAction({ action: "replay", letter })}>
          Replay
          <span className="q-visually-hidden">
            {" "}
            {letter.type} {letter.eventId}
          </span>
        </Button>
        <Button size="small" variant="ghost" onClick={() => onAction({ action: "discard", letter })}>
          Discard
          <span className="q-visually-hidden">
            {" "}
            {letter.type} {letter.eventId}
          </span>
        </Button>
      </div>
    </li>
  );
}

function ServiceCard({
  entry,
  onAction,
}: {
  entry: ServicePipeline;
  onAction: (action: PendingAction) => void;
}) {
  const headingId = `q-admin-pipeline-${entry.service.toLowerCase()}`;
  const letters = entry.deadLetters ?? [];
  return (
    <Card as="section" className="q-admin-widget q-admin-service" aria-labelledby={headingId}>
      <div className="q-admin-widget__head">
        <h2 id={headingId} className="q-admin-widget__title">
          {SERVICE_NAMES[entry.service] ?? entry.service}
        </h2>
        {entry.available ? (
          letters.length > 0 ? (
            <StatusBadge status="failed" label={`${letters.length} dead`} />
          ) : (
            <StatusBadge status="succeeded" label="Healthy" />
          )
        ) : (
          <StatusBadge status="failed" label="Not answering" />
        )}
      </div>
      {entry.available ? (
        <>
          <p className="q-admin-muted">
            Outbox backlog: <strong>{formatNumber(entry.outboxBacklog)}</strong>
            {entry.oldestPendingAt ? (
              <>
                {" "}
                · oldest waiting since <FormattedDate value={entry.oldestPendingAt} withTime />
              </>
            ) : null}
          </p>
          {letters.length === 0 ? (
            <p className="q-admin-muted">No dead letters.</p>
          ) : (
            <ul className="q-admin-list">
              {letters.map((letter) => (
                <DeadLetterItem key={letter.id} letter={letter} onAction={onAction} />
              ))}
            </ul>
          )}
        </>
      ) : (
        <p className="q-admin-warning">
          This service did not answer; its backlog and dead letters are unknown.
        </p>
      )}
    </Card>
  );
}

/** The event pipeline console: each service's outbox backlog and its dead letters, replayed or discarded. */
export function EventsPage() {
  useDocumentTitle("Event pipeline");
  const toast = useToast();
  const [limit, setLimit] = useState(LIMIT_STEP);
  const query = useEventPipeline(limit);
  const act = useDeadLetterAction();
  const [pending, setPending] = useState<PendingAction | null>(null);
  const data = query.data;
  // The contract lists at most `limit` dead letters per service: a full list may have more behind it.
  const mayHaveMore = data?.services.some((s) => (s.deadLetters?.length ?? 0) >= limit) ?? false;

  return (
    <section className="q-admin-screen" aria-labelledby="q-admin-events-title" aria-busy={query.isFetching}>
      <ScreenHeader title="Event pipeline" id="q-admin-events-title">
        <Button variant="secondary" onClick={() => void query.refetch()} disabled={query.isFetching}>
          {query.isFetching && data ? "Refreshing…" : "Refresh"}
        </Button>
      </ScreenHeader>
      {query.isPending ? (
        <StatSkeleton label="Loading the event pipeline" count={6} />
      ) : !data ? (
        <LoadError
          title="The event pipeline could not be loaded"
          error={query.error}
          onRetry={() => void query.refetch()}
        />
      ) : (
        <>
          <dl className="q-admin-stats q-admin-stats--summary">
            <div className="q-admin-stat">
              <dt className="q-admin-stat__label">Outbox backlog</dt>
              <dd className="q-admin-stat__value">{formatNumber(data.totalBacklog)}</dd>
            </div>
            <div className="q-admin-stat">
              <dt className="q-admin-stat__label">Dead letters</dt>
              <dd className="q-admin-stat__value">{formatNumber(data.totalDeadLetters)}</dd>
            </div>
            <div className="q-admin-stat">
              <dt className="q-admin-stat__label">Services answering</dt>
              <dd className="q-admin-stat__value">
                {data.services.filter((s) => s.available).length} of {data.services.length}
              </dd>
            </div>
          </dl>
          {data.services.length === 0 ? (
            <Empty title="No services" message="The pipeline lists no services." />
          ) : (
            <div className="q-admin-services">
              {data.services.map((entry) => (
                <ServiceCard
                  key={entry.service}
                  entry={entry}
                  onAction={(action) => {
                    act.reset();
                    setPending(action);
                  }}
                />
              ))}
            </div>
          )}
          <LoadMore
            noun="dead letters"
            hasNextPage={mayHaveMore}
            isFetchingNextPage={query.isFetching}
            nextPageError={null}
            onLoadMore={() => setLimit((n) => n + LIMIT_STEP)}
          />
        </>
      )}
      <ConfirmDialog
        open={pending != null}
        title={pending?.action === "replay" ? "Replay this event?" : "Discard this event?"}
        confirmLabel={pending?.action === "replay" ? "Replay" : "Discard"}
        tone={pending?.action === "discard" ? "danger" : "default"}
        busy={act.isPending}
        error={errorMessage(act.error)}
        onConfirm={() => {
          if (!pending) return;
          act.mutate(
            { action: pending.action, service: pending.letter.service, id: pending.letter.id },
            {
              onSuccess: () => {
                toast.show(pending.action === "replay" ? "Event put back on its queue" : "Event discarded", {
                  tone: "success",
                });
                setPending(null);
              },
            },
          );
        }}
        onCancel={() => setPending(null)}
      >
        <p>
          <code>{pending?.letter.type}</code> for the queue <code>{pending?.letter.queue}</code>.{" "}
          {pending?.action === "replay"
            ? "It goes back on its queue for another try; if it fails again it comes back here."
            : "It is dropped for good: its consumer never handles it."}
        </p>
      </ConfirmDialog>
    </section>
  );
}
