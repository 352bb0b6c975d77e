import type { EventEnvelope } from "@quire/contracts";
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
    let sent = 0;
    let failed = 0;
    await this.database.db.transaction(async (tx) => {
      const rows = await tx
        .select()
        .from(outbox)
        .where(and(isNull(outbox.publishedAt), lte(outbox.nextAttemptAt, sql`now()`)))
        .orderBy(asc(outbox.seq))
        .limit(this.batchSize)
        .for("update", { skipLocked: true });
      if (rows.length === 0) return;
      const envelopes: EventEnvelope[] = rows.map((r) => ({
        id: r.id,
        type: r.type,
        version: r.version,
        aggregateId: r.aggregateId,
        aggregateVersion: r.aggregateVersion,
        occurredAt: new Date(r.occurredAt).toISOString(),
        traceparent: r.traceparent,
        payload: r.payload,
      }));
      const seqs = rows.map((r) => r.seq);
      try {
        await this.bus.publish(envelopes);
        await tx.update(outbox).set({ publishedAt: sql`now()` }).where(inArray(outbox.seq, seqs));
        sent = rows.length;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        // Backoff: 0.5 s, 1 s, 2 s ... capped at 30 s.
        await tx
          .update(outbox)
          .set({
            attempts: sql`${outbox.attempts} + 1`,
            lastError: message.slice(0, 1000),
            nextAttemptAt: sql`now() + least(30, 0.5 * power(2, ${outbox.attempts})) * interval '1 second'`,
          })
          .where(inArray(outbox.seq, seqs));
        failed = rows.length;
      }
    });
    if (sent) this.options.onPublished?.(sent);
    if (failed) {
      this.options.onFailed?.(failed);
      this.log.warn({ failed }, "outbox publish failed; will retry");
    }
    return sent;
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
