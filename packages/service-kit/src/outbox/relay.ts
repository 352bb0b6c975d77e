import { inArray, sql } from "drizzle-orm";
import type { Logger } from "pino";
import type { Bus } from "../bus/types";
import { type Database, executedRows } from "../db/database";
import { outboxPending } from "../db/kit-tables";
import { OUTBOX_CHANNEL } from "./append-event";

interface ClaimedRow {
  seq: number | string;
  id: string;
  type: string;
  version: number;
  aggregate_id: string;
  aggregate_version: number;
  occurred_at: string | Date;
  traceparent: string | null;
  payload: unknown;
}

const VACUUM_AFTER_CLAIMED = 10_000;

export interface RelayOptions {
  batchSize?: number;
  /** Fallback poll when no NOTIFY arrives (a missed notification, another replica's rows). */
  pollIntervalMs?: number;
  /** Events are kept this long after they occurred (and always until published), then pruned. */
  retentionMs?: number;
  onPublished?: (count: number) => void;
  onFailed?: (count: number) => void;
}

/**
 * Publishes outbox events to the bus. Woken by LISTEN/NOTIFY, with a fallback poll. A batch's rows in the queue
 * (`outbox_pending`) are claimed with `FOR UPDATE SKIP LOCKED` and deleted in the transaction that publishes
 * them with publisher confirms; a failed publish rolls that back and only pushes `next_attempt_at` back with
 * exponential backoff. No event is ever dropped.
 */
export class OutboxRelay {
  private running = false;
  private pending = true;
  private wake: (() => void) | null = null;
  private loop: Promise<void> | null = null;
  private unlisten: (() => Promise<void>) | null = null;
  private lastPrune = 0;
  private claimedSinceVacuum = 0;
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
    this.loop = null;
    const unlisten = this.unlisten;
    this.unlisten = null;
    await unlisten?.();
  }

  /**
   * Queues every event the outbox holds for publishing again (those published already, and those still
   * waiting stay as they are); returns how many. Consumers' inboxes drop the ones they applied.
   */
  async requeueRetained(): Promise<number> {
    const [row] = await this.database.query<{ n: number }>(
      `with queued as (
         insert into outbox_pending (seq) select seq from outbox order by seq on conflict (seq) do nothing
         returning seq)
       select count(*)::int as n from queued`,
    );
    return row?.n ?? 0;
  }

  /** Publishes one batch now; returns how many rows were sent. */
  async publishBatch(): Promise<number> {
    let claimed: number[] = [];
    try {
      await this.database.db.transaction(async (tx) => {
        // One statement claims the batch (deleting its queue rows) and reads its events; the transaction
        // commits only once the broker confirmed them, and a failed publish rolls the claim back.
        // `= any(array(...))` keeps the delete on the queue's primary key whatever the planner guesses of the
        // queue's size (PGlite has no autovacuum to keep its statistics).
        const rows = executedRows<ClaimedRow>(
          await tx.execute(sql`
            with claimed as (
              delete from outbox_pending where seq = any(array(
                select seq from outbox_pending where next_attempt_at <= now()
                order by seq limit ${this.batchSize} for update skip locked))
              returning seq)
            select o.seq, o.id, o.type, o.version, o.aggregate_id, o.aggregate_version, o.occurred_at,
                   o.traceparent, o.payload
            from outbox o join claimed c on c.seq = o.seq
            order by o.seq`),
        );
        if (rows.length === 0) return;
        claimed = rows.map((r) => Number(r.seq));
        await this.bus.publish(
          rows.map((r) => ({
            id: r.id,
            type: r.type,
            version: r.version,
            aggregateId: r.aggregate_id,
            aggregateVersion: r.aggregate_version,
            occurredAt: new Date(r.occurred_at).toISOString(),
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
    if (claimed.length) {
      this.claimedSinceVacuum += claimed.length;
      this.options.onPublished?.(claimed.length);
    }
    return claimed.length;
  }

  /** After a failed publish: the rows wait 0.5 s, 1 s, 2 s ... (at most 30 s) before the next attempt. */
  private async backOff(seqs: number[], error: unknown): Promise<void> {
    const message = error instanceof Error ? error.message : String(error);
    await this.database.db
      .update(outboxPending)
      .set({
        attempts: sql`${outboxPending.attempts} + 1`,
        lastError: message.slice(0, 1000),
        nextAttemptAt: sql`now() + least(30, 0.5 * power(2, ${outboxPending.attempts})) * interval '1 second'`,
      })
      .where(inArray(outboxPending.seq, seqs));
    this.options.onFailed?.(seqs.length);
    this.log.warn({ failed: seqs.length }, "outbox publish failed; will retry");
  }

  async backlog(): Promise<number> {
    const [row] = await this.database.query<{ n: string }>("select count(*)::text as n from outbox_pending");
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
        else await this.vacuumQueueIfDue();
        await this.pruneIfDue();
      } catch (error) {
        this.log.error({ err: error }, "outbox relay iteration failed");
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  }

  /** Events stay in the outbox for the retention after they occurred, and always until published. */
  private async pruneIfDue(): Promise<void> {
    const now = Date.now();
    if (now - this.lastPrune < 600_000) return;
    this.lastPrune = now;
    const [pruned] = await this.database.query<{ n: number }>(
      `with pruned as (
         delete from outbox o
         where o.occurred_at < now() - ($1::text || ' milliseconds')::interval
           and not exists (select 1 from outbox_pending p where p.seq = o.seq)
         returning 1)
       select count(*)::int as n from pruned`,
      [String(this.retentionMs)],
    );
    if (pruned?.n) await this.vacuum("outbox");
  }

  /**
   * PGlite runs no autovacuum: left alone, the queue's deleted rows and the pruned events would stay in its
   * files and indexes. The relay vacuums them itself, once it is idle after a large drain or after a prune
   * (a queue of narrow rows takes milliseconds). PostgreSQL vacuums by itself.
   */
  private async vacuumQueueIfDue(): Promise<void> {
    if (this.claimedSinceVacuum < VACUUM_AFTER_CLAIMED) return;
    this.claimedSinceVacuum = 0;
    await this.vacuum("outbox_pending");
  }

  private async vacuum(table: "outbox" | "outbox_pending"): Promise<void> {
    if (this.database.driver !== "pglite") return;
    await this.database.query(`vacuum ${table}`);
  }
}
