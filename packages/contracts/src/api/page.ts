// API schemas of the page service (requests and responses), shared by the service and the BFF.
import { z } from "zod";

export const noticeStatusSchema = z.enum(["DRAFT", "PUBLISHED"]);

export const noticeListQuery = z.object({
  first: z.coerce.number().int().min(1).max(100).default(20),
  after: z.string().max(300).optional(),
});

export const notice = z.object({
  id: z.string(),
  slug: z.string(),
  title: z.string(),
  contentHtml: z.string(),
  badge: z.string(),
  color: z.string(),
  pinned: z.boolean(),
  status: noticeStatusSchema,
  publishedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const noticeRef = z.object({ id: z.string(), slug: z.string(), title: z.string() });

export const noticeDetail = notice.extend({
  /** The notice published just before this one, and just after (among PUBLISHED notices). */
  previous: noticeRef.nullable(),
  next: noticeRef.nullable(),
});

export const noticePage = z.object({
  items: z.array(notice.extend({ cursor: z.string() })),
  pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() }),
});

const hexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, "Use a colour like #1e90ff");

export const createNoticeRequest = z
  .object({
    title: z.string().trim().min(1, "Enter a title").max(200),
    contentHtml: z.string().max(200_000),
    badge: z.string().trim().max(20).default(""),
    color: hexColor.default("#3b82f6"),
    pinned: z.boolean().default(false),
    status: noticeStatusSchema.default("DRAFT"),
    publishedAt: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();

export const updateNoticeRequest = z
  .object({
    title: z.string().trim().min(1).max(200),
    contentHtml: z.string().max(200_000),
    badge: z.string().trim().max(20),
    color: hexColor,
    pinned: z.boolean(),
    status: noticeStatusSchema,
    publishedAt: z.iso.datetime({ offset: true }).nullable(),
  })
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, "Nothing to update");

export const staticPageSlug = z.enum(["introduce", "privacy"]);

/** The structured content of a static page; `updatedAt` is set by the server on every save. */
export const staticPageContent = z
  .object({
    title: z.string().trim().min(1).max(200),
    sections: z
      .array(z.object({ heading: z.string().trim().min(1).max(200), body: z.string().max(20_000) }).strict())
      .max(50),
    updatedAt: z.string().nullable(),
  })
  .strict();

/** What an admin saves: the content, with any `updatedAt` it carries ignored. */
export const updateStaticPageRequest = staticPageContent.extend({
  updatedAt: z.string().nullable().optional(),
});

export const staticPage = z.object({
  slug: staticPageSlug,
  content: staticPageContent,
  /** False while the page still shows its defaults. */
  edited: z.boolean(),
});

export type Notice = z.infer<typeof notice>;
export type NoticeDetail = z.infer<typeof noticeDetail>;
export type CreateNoticeRequest = z.infer<typeof createNoticeRequest>;
export type UpdateNoticeRequest = z.infer<typeof updateNoticeRequest>;
export type StaticPageSlug = z.infer<typeof staticPageSlug>;
export type StaticPageContent = z.infer<typeof staticPageContent>;
export type StaticPage = z.infer<typeof staticPage>;
