import { appendEvent, type Tx } from "@quire/service-kit";

/** category.created, tag.updated...: every change to a category or tag, for caches and replicas. */
export async function announce(
  tx: Tx,
  kind: "category" | "tag",
  change: "created" | "updated" | "deleted",
  state: { id: string; slug: string; name: string },
  version: number,
): Promise<void> {
  await appendEvent(tx, {
    type: `${kind}.${change}`,
    aggregateId: state.id,
    aggregateVersion: version,
    payload: state,
  });
}
