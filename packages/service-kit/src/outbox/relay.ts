import { and, asc, inArray, isNull, lte, sql } from "drizzle-orm";
import type { Logger } from "pino";
import type { Bus } from "../bus/types";
import type { Database } from "../db/database";
import { outbox } from "../db/kit-tables";
import { OUTBOX_CHANNEL } from "./append-event";

export interface RelayOptions {
  batchSize?: number;
  /** Fallback poll when no NOTIFY arrives (a missed notification, another replica's rows). */
  pollIntervalMs?: number;
  /** Published rows are kept this long for inspection, then pruned. */
  retentionMs?: number;
  onPublished?: (count: number) => void;
  onFailed?: (count: number) => void;
}

/**
 * Publishes outbox rows to the bus. Woken by LISTEN/NOTIFY, with a fallback poll. Rows are claimed with
 * `FOR UPDATE SKIP LOCKED`, published with publisher confirms, and marked sent in the same transaction; a
 * failed publish only pushes `next_attempt_at` back with exponential backoff. No row is ever dropped.
 */
export class OutboxRelay {
  private running = false;
  private pending = true;
  private wake: (() => void) | null = null;
  private loop: Promise<void> | null = null;
  private unlisten: (() => Promise<void>) | null = null;
  private lastPrune = 0;
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly retentionMs: number;

  constructor(
    private readonly database: Database,
    private readonly bus: Bus,
    private readonly log: Logger,
    private readonly options: RelayOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 500;
    this.pollIntervalMs = options.pollIntervalMs ?? 2_000;
    this.retentionMs = options.retentionMs ?? 24 * 3600_000;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.unlisten = await this.database.listen(OUTBOX_CHANNEL, () => this.signal());
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.signal();
    await this.loop;
    await this.unlisten?.();
  }

  /** Publishes one batch now; returns how many rows were sent. */
  async publishBatch(): Promise<number> {
    let claimed: number[] = [];
    try {
      await this.database.db.transaction(async (tx) => {
        // One statement claims and marks the batch; the transaction commits only once the broker confirmed
        // it, and a failed publish rolls the mark back.
        const pending = tx
          .select({ seq: outbox.seq })
          .from(outbox)
          .where(and(isNull(outbox.publishedAt), lte(outbox.nextAttemptAt, sql`now()`)))
          .orderBy(asc(outbox.seq))
          .limit(this.batchSize)
          .for("update", { skipLocked: true });
        const rows = await tx
          .update(outbox)
          .set({ publishedAt: sql`now()` })
          .where(inArray(outbox.seq, pending))
          .returning({
            seq: outbox.seq,
            id: outbox.id,
            type: outbox.type,
            version: outbox.version,
            aggregateId: outbox.aggregateId,
            aggregateVersion: outbox.aggregateVersion,
            occurredAt: outbox.occurredAt,
            traceparent: outbox.traceparent,
            payload: outbox.payload,
          });
        if (rows.length === 0) return;
        rows.sort((a, b) => a.seq - b.seq);
        claimed = rows.map((r) => r.seq);
        await this.bus.publish(
          rows.map((r) => ({
            id: r.id,
            type: r.type,
            version: r.version,
            aggregateId: r.aggregateId,
            aggregateVersion: r.aggregateVersion,
            occurredAt: new Date(r.occurredAt).toISOString(),
            traceparent: r.traceparent,
            payload: r.payload,
          })),
        );
      });
    } catch (error) {
      if (claimed.length === 0) throw error;
      await this.backOff(claimed, error);
      return 0;
    }
    if (claimed.length) this.options.onPublished?.(claimed.length);
    return claimed.length;
  }

  /** After a failed publish: the rows wait 0.5 s, 1 s, 2 s ... (at most 30 s) before the next attempt. */
  private async backOff(seqs: number[], error: unknown): Promise<void> {
    const message = error instanceof Error ? error.message : String(error);
    await this.database.db
      .update(outbox)
      .set({
        attempts: sql`${outbox.attempts} + 1`,
        lastError: message.slice(0, 1000),
        nextAttemptAt: sql`now() + least(30, 0.5 * power(2, ${outbox.attempts})) * interval '1 second'`,
      })
      .where(and(inArray(outbox.seq, seqs), isNull(outbox.publishedAt)));
    this.options.onFailed?.(seqs.length);
    this.log.warn({ failed: seqs.length }, "outbox publish failed; will retry");
  }

  async backlog(): Promise<number> {
    const [row] = await this.database.query<{ n: string }>(
      "select count(*)::text as n from outbox where published_at is null",
    );
    return Number(row?.n ?? 0);
  }

  private signal(): void {
    this.pending = true;
    this.wake?.();
  }

  private async run(): Promise<void> {
    while (this.running) {
      if (!this.pending) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.pollIntervalMs);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.wake = null;
        if (!this.running) break;
      }
      this.pending = false;
      try {
        const sent = await this.publishBatch();
        // A full batch means more is waiting; go again without sleeping.
        if (sent === this.batchSize) this.pending = true;
        await this.pruneIfDue();
      } catch (error) {
        this.log.error({ err: error }, "outbox relay iteration failed");
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  }

  private async pruneIfDue(): Promise<void> {
    const now = Date.now();
    if (now - this.lastPrune < 600_000) return;
    this.lastPrune = now;
    await this.database.query(
      "delete from outbox where published_at is not null and published_at < now() - ($1::text || ' milliseconds')::interval",
      [String(this.retentionMs)],
    );
  }
}
