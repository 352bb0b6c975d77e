import { z } from "zod";

/** What the BFF's cache needs to drop the responses that show a notice or a static page. */
export const pageChange = z.object({
  kind: z.enum(["notice", "page"]),
  /** A notice's id; for a static page, its slug. */
  id: z.string(),
  slug: z.string(),
  status: z.enum(["DRAFT", "PUBLISHED"]),
});

/** Produced by page. aggregateId = `id`, aggregateVersion = the notice's or page's version. */
export const pageEvents = {
  "page.created": { version: 1, payload: pageChange },
  "page.updated": { version: 1, payload: pageChange },
  "page.deleted": { version: 1, payload: pageChange },
} as const;
