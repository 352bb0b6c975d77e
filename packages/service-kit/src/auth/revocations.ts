import { sql } from "drizzle-orm";
import type { Database } from "../db/database";
import type { ConsumerDefinition } from "../inbox/consumer";

/**
 * The set of users whose earlier tokens are void, mirrored in memory from `token_revocations` so the check
 * costs nothing per request. Each replica refreshes from the table, which the built-in consumer keeps from
 * auth's `user.sessions.revoked` events (a queue shared by replicas delivers each event to one of them).
 */
export class RevocationList {
  private notBefore = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly database: Database) {}

  async start(refreshMs = 1_000): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => void this.refresh().catch(() => {}), refreshMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async refresh(): Promise<void> {
    const rows = await this.database.query<{ user_id: string; not_before: string | Date }>(
      "select user_id, not_before from token_revocations",
    );
    this.notBefore = new Map(rows.map((r) => [r.user_id, new Date(r.not_before).getTime()]));
  }

  /** True when a token of `userId` issued at `issuedAtMs` must be refused. */
  isRevoked(userId: string, issuedAtMs: number): boolean {
    const nb = this.notBefore.get(userId);
    return nb !== undefined && issuedAtMs < nb;
  }

  /** The consumer every service runs; applied in the inbox's transaction, then mirrored at once. */
  consumer(): ConsumerDefinition {
    return {
      name: "token-revocations",
      handlers: {
        "user.sessions.revoked": async (tx, event) => {
          await tx.execute(sql`insert into token_revocations (user_id, not_before, version)
            values (${event.payload.userId}, ${event.payload.notBefore}, ${event.aggregateVersion})
            on conflict (user_id) do update set not_before = excluded.not_before, version = excluded.version
            where token_revocations.version < excluded.version`);
          const nb = new Date(event.payload.notBefore).getTime();
          const current = this.notBefore.get(event.payload.userId) ?? 0;
          if (nb > current) this.notBefore.set(event.payload.userId, nb);
        },
      },
    };
  }
}
