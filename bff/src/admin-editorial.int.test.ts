import { createTestUser, eventually, type Json } from "@quire/service-kit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AdminStack, dataOf, errorCodeOf, startAdminStack, type TestAccount } from "./admin-test-stack";

/** Posts, drafts, taxonomy, comments, bug reports, users, pages and the dashboard, through the real services. */
describe("BFF admin: editorial screens", () => {
  let s: AdminStack;
  let admin: TestAccount;
  let user: TestAccount;
  let categoryId: string;
  const asAdmin = (query: string, variables: Record<string, unknown> = {}) =>
    s.gql(query, variables, admin.token);
  const rows = (service: string, sql: string) => s.stack.services[service]!.ctx.database.query(sql);

  const POST_FIELDS = "id slug title status excerpt contentHtml updatedAt category { id name } tags { name }";

  beforeAll(async () => {
    s = await startAdminStack();
    ({ admin, user } = s);
    const created = dataOf(
      await asAdmin(
        `mutation { createCategory(input: { name: "Architecture" }) { id slug name postCount } }`,
      ),
    );
    categoryId = created.createCategory.id;
  });
  afterAll(async () => s?.close());

  describe("categories and tags", () => {
    it("creates, renames and deletes; refuses deleting one in use and bad names, writing nothing", async () => {
      const category = dataOf(
        await asAdmin(`mutation { createCategory(input: { name: "Ops", slug: "ops" }) { id slug name } }`),
      ).createCategory;
      expect(category).toMatchObject({ slug: "ops", name: "Ops" });
      const renamed = dataOf(
        await asAdmin(
          `mutation($id: ID!) { updateCategory(id: $id, input: { name: "Operations" }) { name } }`,
          {
            id: category.id,
          },
        ),
      );
      expect(renamed.updateCategory.name).toBe("Operations");

      const tag = dataOf(
        await asAdmin(`mutation { createTag(input: { name: "Kafka" }) { id slug name } }`),
      ).createTag;
      expect(tag.name).toBe("Kafka");
      expect(
        dataOf(
          await asAdmin(
            `mutation($id: ID!) { updateTag(id: $id, input: { slug: "kafka-streams" }) { slug } }`,
            { id: tag.id },
          ),
        ).updateTag.slug,
      ).toBe("kafka-streams");
      expect(
        dataOf(await asAdmin(`mutation($id: ID!) { deleteTag(id: $id) }`, { id: tag.id })).deleteTag,
      ).toBe(true);

      // In use by a post: refused.
      dataOf(
        await asAdmin(
          `mutation($c: ID!) { createPost(input: { title: "Runbook", contentHtml: "<p>x</p>", categoryId: $c }) { id } }`,
          { c: category.id },
        ),
      );
      const before = await rows("blog", "select * from categories order by id");
      expect(
        errorCodeOf(await asAdmin(`mutation($id: ID!) { deleteCategory(id: $id) }`, { id: category.id })),
      ).toBe("BAD_USER_INPUT");
      expect(errorCodeOf(await asAdmin(`mutation { createCategory(input: { name: "" }) { id } }`))).toBe(
        "BAD_USER_INPUT",
      );
      expect(
        errorCodeOf(
          await asAdmin(`mutation { createCategory(input: { name: "${"x".repeat(51)}" }) { id } }`),
        ),
      ).toBe("BAD_USER_INPUT");
      expect(errorCodeOf(await asAdmin(`mutation { deleteTag(id: "no-such-tag") }`))).toBe("NOT_FOUND");
      expect(await rows("blog", "select * from categories order by id")).toEqual(before);

      const unused = dataOf(
        await asAdmin(`mutation { createCategory(input: { name: "Spare" }) { id } }`),
      ).createCategory;
      expect(
        dataOf(await asAdmin(`mutation($id: ID!) { deleteCategory(id: $id) }`, { id: unused.id }))
          .deleteCategory,
      ).toBe(true);
    });
  });

  describe("posts", () => {
    it("creates, lists with filters and sorts, updates and bulk-deletes posts of every status", async () => {
      const create = async (title: string, status: string) =>
        dataOf(
          await asAdmin(`mutation($input: PostInput!) { createPost(input: $input) { ${POST_FIELDS} } }`, {
            input: { title, contentHtml: `<p>${title} body</p>`, categoryId, tags: ["events"], status },
          }),
        ).createPost;
      const visible = await create("Outbox patterns", "PUBLIC");
      const hidden = await create("Secret roadmap", "PRIVATE");
      expect(visible).toMatchObject({
        status: "PUBLIC",
        category: { id: categoryId },
        tags: [{ name: "events" }],
      });
      expect(visible.contentHtml).toContain("Outbox patterns body");

      const list = async (filter: Record<string, unknown>, sort = "DATE") =>
        dataOf(
          await asAdmin(
            `query($f: AdminPostFilter, $s: AdminPostSort) { adminPosts(filter: $f, sort: $s, first: 50) {
               edges { cursor node { id title status contentHtml viewCount likeCount updatedAt author { name } } }
               pageInfo { hasNextPage endCursor } } }`,
            { f: filter, s: sort },
          ),
        ).adminPosts;
      const privateOnly = await list({ status: "PRIVATE" });
      expect(privateOnly.edges.map((e: Json) => e.node.id)).toEqual([hidden.id]);
      expect(privateOnly.edges[0].node.contentHtml).toBeNull();
      expect(privateOnly.edges[0].node.author.name).toBe("Admin Owner");
      expect((await list({ q: "roadmap" })).edges.map((e: Json) => e.node.id)).toEqual([hidden.id]);
      expect((await list({ category: "architecture" }, "VIEWS")).edges.length).toBeGreaterThanOrEqual(2);

      const onePage = dataOf(
        await asAdmin(
          `{ adminPosts(first: 1) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`,
        ),
      ).adminPosts;
      expect(onePage.pageInfo.hasNextPage).toBe(true);
      const next = dataOf(
        await asAdmin(`query($a: String) { adminPosts(first: 1, after: $a) { edges { node { id } } } }`, {
          a: onePage.pageInfo.endCursor,
        }),
      ).adminPosts;
      expect(next.edges[0].node.id).not.toBe(onePage.edges[0].node.id);

      const updated = dataOf(
        await asAdmin(
          `mutation($id: ID!) { updatePost(id: $id, input: { title: "Outbox patterns, revised", status: PRIVATE }) { title status } }`,
          { id: visible.id },
        ),
      ).updatePost;
      expect(updated).toEqual({ title: "Outbox patterns, revised", status: "PRIVATE" });

      const deleted = dataOf(
        await asAdmin(`mutation($ids: [ID!]!) { deletePosts(ids: $ids) }`, {
          ids: [visible.id, hidden.id, "nope"],
        }),
      ).deletePosts;
      expect(deleted.sort()).toEqual([visible.id, hidden.id].sort());
    });

    it("refuses bad posts and plain users, writing nothing", async () => {
      const before = await rows("blog", "select * from posts order by id");
      const attempt = (input: Record<string, unknown>, token = admin.token) =>
        s.gql(`mutation($input: PostInput!) { createPost(input: $input) { id } }`, { input }, token);
      const valid = { title: "Fine", contentHtml: "<p>x</p>", categoryId };
      expect(errorCodeOf(await attempt({ ...valid, title: "   " }))).toBe("BAD_USER_INPUT");
      expect(errorCodeOf(await attempt({ ...valid, title: "x".repeat(201) }))).toBe("BAD_USER_INPUT");
      expect(errorCodeOf(await attempt({ ...valid, categoryId: "no-such-category" }))).toBe("BAD_USER_INPUT");
      expect(errorCodeOf(await attempt(valid, user.token))).toBe("FORBIDDEN");
      expect(
        errorCodeOf(
          await s.gql(`mutation($input: PostInput!) { createPost(input: $input) { id } }`, { input: valid }),
        ),
      ).toBe("UNAUTHENTICATED");
      expect(
        errorCodeOf(
          await asAdmin(`mutation { updatePost(id: "no-such-post", input: { title: "X" }) { id } }`),
        ),
      ).toBe("NOT_FOUND");
      expect(await rows("blog", "select * from posts order by id")).toEqual(before);
    });
  });

  describe("drafts", () => {
    it("autosaves a draft under the editor's id, lists, reads, publishes and deletes drafts", async () => {
      const id = "draft-editor-0001";
      const saved = dataOf(
        await asAdmin(
          `mutation($id: ID!) { saveDraft(id: $id, input: { title: "", contentHtml: "<p>Half done</p>" }) { ${POST_FIELDS} } }`,
          { id },
        ),
      ).saveDraft;
      expect(saved).toMatchObject({ id, title: "Untitled", status: "DRAFT" });
      dataOf(
        await asAdmin(`mutation($id: ID!) { saveDraft(id: $id, input: { title: "Sagas" }) { id } }`, { id }),
      );
      const drafts = dataOf(
        await asAdmin(`{ drafts(first: 10) { edges { node { id title updatedAt } } } }`),
      ).drafts;
      expect(drafts.edges.map((e: Json) => e.node.title)).toContain("Sagas");
      expect(drafts.edges[0].node.updatedAt).toEqual(expect.any(String));
      const draft = dataOf(
        await asAdmin(`query($id: ID!) { draft(id: $id) { title contentHtml } }`, { id }),
      ).draft;
      expect(draft).toEqual({ title: "Sagas", contentHtml: "<p>Half done</p>" });
      expect(dataOf(await asAdmin(`{ draft(id: "draft-unknown-01") { id } }`)).draft).toBeNull();

      const published = dataOf(
        await asAdmin(
          `mutation($id: ID!, $c: ID!) { publishDraft(id: $id, input: { status: PUBLIC, categoryId: $c, tags: ["sagas"] }) { status excerpt publishedAt } }`,
          { id, c: categoryId },
        ),
      ).publishDraft;
      expect(published.status).toBe("PUBLIC");
      expect(published.excerpt).toContain("Half done");
      expect(published.publishedAt).toEqual(expect.any(String));

      const other = "draft-editor-0002";
      dataOf(
        await asAdmin(`mutation($id: ID!) { saveDraft(id: $id, input: { title: "Scrap" }) { id } }`, {
          id: other,
        }),
      );
      expect(
        dataOf(await asAdmin(`mutation($id: ID!) { deleteDraft(id: $id) }`, { id: other })).deleteDraft,
      ).toBe(true);
      expect(errorCodeOf(await asAdmin(`mutation($id: ID!) { deleteDraft(id: $id) }`, { id: other }))).toBe(
        "NOT_FOUND",
      );
    });

    it("refuses a malformed draft id and a publish without a valid status, writing nothing", async () => {
      const before = await rows("blog", "select * from posts order by id");
      expect(
        errorCodeOf(await asAdmin(`mutation { saveDraft(id: "x", input: { title: "Bad id" }) { id } }`)),
      ).toBe("BAD_USER_INPUT");
      dataOf(
        await asAdmin(`mutation { saveDraft(id: "draft-editor-0003", input: { title: "Keep" }) { id } }`),
      );
      const afterSave = await rows("blog", "select * from posts order by id");
      expect(afterSave.length).toBe(before.length + 1);
      expect(
        errorCodeOf(
          await asAdmin(
            `mutation($c: ID!) { publishDraft(id: "draft-editor-0003", input: { status: DRAFT, categoryId: $c }) { id } }`,
            { c: categoryId },
          ),
        ),
      ).toBe("BAD_USER_INPUT");
      expect(await rows("blog", "select * from posts order by id")).toEqual(afterSave);
    });
  });

  describe("comments and bug reports", () => {
    it("lists every comment, private ones readable, moderates and bulk-deletes them", async () => {
      const post = dataOf(
        await asAdmin(
          `mutation($c: ID!) { createPost(input: { title: "Discuss", contentHtml: "<p>x</p>", categoryId: $c }) { id } }`,
          { c: categoryId },
        ),
      ).createPost;
      const comment = await eventually(async () => {
        const r = await s.gql(
          `mutation($p: ID!) { addComment(postId: $p, input: { content: "Only for the author", secret: true }) { id } }`,
          { p: post.id },
          user.token,
        );
        return r.data?.addComment ?? undefined;
      });
      const listed = dataOf(
        await asAdmin(
          `{ adminComments(first: 10) { edges { cursor node { id content secret status post { id title } author { name } } } pageInfo { hasNextPage } } }`,
        ),
      ).adminComments;
      const node = listed.edges.find((e: Json) => e.node.id === comment.id).node;
      expect(node).toMatchObject({ content: "Only for the author", secret: true, status: "APPROVED" });
      expect(node.post).toEqual({ id: post.id, title: "Discuss" });
      expect(node.author.name).toBe("Plain Reader");

      const spam = dataOf(
        await asAdmin(`mutation($id: ID!) { setCommentStatus(id: $id, status: SPAM) { id status } }`, {
          id: comment.id,
        }),
      ).setCommentStatus;
      expect(spam.status).toBe("SPAM");
      const spamOnly = dataOf(
        await asAdmin(`{ adminComments(filter: { status: SPAM }) { edges { node { id } } } }`),
      ).adminComments;
      expect(spamOnly.edges.map((e: Json) => e.node.id)).toEqual([comment.id]);

      const before = await rows("content", "select * from comments order by id");
      expect(
        errorCodeOf(
          await asAdmin(`mutation { setCommentStatus(id: "no-such-comment", status: APPROVED) { id } }`),
        ),
      ).toBe("NOT_FOUND");
      expect(errorCodeOf(await asAdmin(`mutation { deleteComments(ids: []) }`))).toBe("BAD_USER_INPUT");
      expect(await rows("content", "select * from comments order by id")).toEqual(before);

      expect(
        dataOf(await asAdmin(`mutation($ids: [ID!]!) { deleteComments(ids: $ids) }`, { ids: [comment.id] }))
          .deleteComments,
      ).toBe(1);
      const live = dataOf(await asAdmin(`{ adminComments { edges { node { id } } } }`)).adminComments;
      expect(live.edges.map((e: Json) => e.node.id)).not.toContain(comment.id);
      const all = dataOf(
        await asAdmin(
          `{ adminComments(filter: { includeDeleted: true }) { edges { node { id deleted content } } } }`,
        ),
      ).adminComments;
      expect(all.edges.find((e: Json) => e.node.id === comment.id).node.deleted).toBe(true);
    });

    it("answers a bug report and sets its status; refuses an empty answer", async () => {
      const report = dataOf(
        await s.gql(
          `mutation { createBugReport(input: { title: "Broken link", category: "UI", description: "The footer link 404s" }) { id } }`,
        ),
      ).createBugReport;
      const before = await rows("analytics", "select * from bug_reports order by id");
      expect(
        errorCodeOf(
          await asAdmin(
            `mutation($id: ID!) { respondToBugReport(id: $id, input: { reply: " ", status: RESOLVED }) { id } }`,
            {
              id: report.id,
            },
          ),
        ),
      ).toBe("BAD_USER_INPUT");
      expect(await rows("analytics", "select * from bug_reports order by id")).toEqual(before);
      const answered = dataOf(
        await asAdmin(
          `mutation($id: ID!) { respondToBugReport(id: $id, input: { reply: "Fixed, thanks", status: RESOLVED }) { status reply repliedAt description } }`,
          { id: report.id },
        ),
      ).respondToBugReport;
      expect(answered).toMatchObject({
        status: "RESOLVED",
        reply: "Fixed, thanks",
        description: "The footer link 404s",
      });
    });
  });

  describe("users", () => {
    it("searches and filters accounts and shows sign-up statistics", async () => {
      const found = dataOf(
        await asAdmin(
          `{ users(filter: { q: "plain reader" }) { totalCount edges { cursor node { id name email role status createdAt } } pageInfo { hasNextPage } } }`,
        ),
      ).users;
      expect(found.totalCount).toBe(1);
      expect(found.edges[0].node).toMatchObject({ id: user.id, role: "USER", status: "ACTIVE" });
      const admins = dataOf(
        await asAdmin(`{ users(filter: { role: ADMIN }) { edges { node { id } } } }`),
      ).users;
      expect(admins.edges.map((e: Json) => e.node.id)).toEqual([admin.id]);
      const firstPage = dataOf(
        await asAdmin(
          `{ users(first: 1) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }`,
        ),
      ).users;
      expect(firstPage.pageInfo.hasNextPage).toBe(true);
      const second = dataOf(
        await asAdmin(`query($a: String) { users(first: 1, after: $a) { edges { node { id } } } }`, {
          a: firstPage.edges[0].cursor,
        }),
      ).users;
      expect(second.edges[0].node.id).not.toBe(firstPage.edges[0].node.id);

      const stats = dataOf(
        await asAdmin(
          `{ userStats(period: WEEKLY) { period trend { bucket signups } weekdays { weekday signups } totals { users admins suspended } } }`,
        ),
      ).userStats;
      expect(stats.period).toBe("WEEKLY");
      expect(stats.trend).toHaveLength(12);
      expect(stats.weekdays.map((w: Json) => w.weekday)).toEqual([1, 2, 3, 4, 5, 6, 7]);
      expect(stats.totals.admins).toBe(1);
      expect(stats.totals.users).toBeGreaterThanOrEqual(2);
      expect(stats.trend.reduce((n: number, b: Json) => n + b.signups, 0)).toBe(stats.totals.users);
    });

    it("suspends, reactivates and promotes an account; protects admins and refuses bad input", async () => {
      const target = await createTestUser(s.stack, "USER", "Target Account");
      const suspended = dataOf(
        await asAdmin(`mutation($id: ID!) { setUserStatus(id: $id, status: SUSPENDED) { id status } }`, {
          id: target.id,
        }),
      ).setUserStatus;
      expect(suspended.status).toBe("SUSPENDED");
      // Suspension takes effect on the next request, not at token expiry.
      await eventually(async () => {
        const r = await s.gql(`mutation { toggleBookmark(postId: "x") { bookmarked } }`, {}, target.token);
        return r.errors?.[0]?.extensions?.code === "UNAUTHENTICATED";
      });
      dataOf(
        await asAdmin(`mutation($id: ID!) { setUserStatus(id: $id, status: ACTIVE) { status } }`, {
          id: target.id,
        }),
      );
      const before = await rows("auth", "select id, role, status, version from users order by id");
      expect(
        errorCodeOf(
          await asAdmin(`mutation($id: ID!) { setUserRole(id: $id, role: USER) { id } }`, { id: admin.id }),
        ),
      ).toBe("BAD_USER_INPUT");
      expect(
        errorCodeOf(
          await asAdmin(`mutation { setUserStatus(id: "no-such-user", status: SUSPENDED) { id } }`),
        ),
      ).toBe("NOT_FOUND");
      expect(await rows("auth", "select id, role, status, version from users order by id")).toEqual(before);
      const promoted = dataOf(
        await asAdmin(`mutation($id: ID!) { setUserRole(id: $id, role: ADMIN) { role } }`, { id: target.id }),
      ).setUserRole;
      expect(promoted.role).toBe("ADMIN");
      // Another admin is protected from now on.
      expect(
        errorCodeOf(
          await asAdmin(`mutation($id: ID!) { setUserStatus(id: $id, status: SUSPENDED) { id } }`, {
            id: target.id,
          }),
        ),
      ).toBe("FORBIDDEN");
    });
  });

  describe("pages", () => {
    it("creates, lists, updates and deletes notices and saves static pages", async () => {
      const notice = dataOf(
        await asAdmin(
          `mutation { createNotice(input: { title: "Maintenance", contentHtml: "<p>Sunday</p>", badge: "Ops", color: "#ff8800", pinned: true }) { id slug title status pinned color badge } }`,
        ),
      ).createNotice;
      expect(notice).toMatchObject({ title: "Maintenance", status: "DRAFT", pinned: true, color: "#ff8800" });
      const updated = dataOf(
        await asAdmin(
          `mutation($id: ID!) { updateNotice(id: $id, input: { status: PUBLISHED, badge: "Now" }) { status badge publishedAt } }`,
          {
            id: notice.id,
          },
        ),
      ).updateNotice;
      expect(updated).toMatchObject({ status: "PUBLISHED", badge: "Now" });

      const pages = dataOf(
        await asAdmin(
          `{ adminPages { notices(first: 10) { edges { node { id status } } pageInfo { hasNextPage } } staticPages { slug title edited sections { heading body } updatedAt } } }`,
        ),
      ).adminPages;
      expect(pages.notices.edges.map((e: Json) => e.node.id)).toContain(notice.id);
      expect(pages.staticPages.map((p: Json) => p.slug).sort()).toEqual(["introduce", "privacy"]);
      expect(pages.staticPages.every((p: Json) => p.edited === false)).toBe(true);
      const drafts = dataOf(
        await asAdmin(`{ adminPages { notices(status: DRAFT) { edges { node { id } } } } }`),
      ).adminPages;
      expect(drafts.notices.edges.map((e: Json) => e.node.id)).not.toContain(notice.id);

      const saved = dataOf(
        await asAdmin(
          `mutation { updateStaticPage(slug: "introduce", input: { title: "About", sections: [{ heading: "Who", body: "Us" }] }) { slug title edited updatedAt sections { heading body } } }`,
        ),
      ).updateStaticPage;
      expect(saved).toMatchObject({
        slug: "introduce",
        title: "About",
        edited: true,
        sections: [{ heading: "Who", body: "Us" }],
      });
      expect(saved.updatedAt).toEqual(expect.any(String));

      expect(
        dataOf(await asAdmin(`mutation($id: ID!) { deleteNotice(id: $id) }`, { id: notice.id })).deleteNotice,
      ).toBe(true);
    });

    it("refuses a bad colour, an unknown static page and an empty update, writing nothing", async () => {
      const before = {
        notices: await rows("page", "select * from notices order by id"),
        pages: await rows("page", "select * from static_pages order by slug"),
      };
      expect(
        errorCodeOf(
          await asAdmin(
            `mutation { createNotice(input: { title: "X", contentHtml: "", color: "red" }) { id } }`,
          ),
        ),
      ).toBe("BAD_USER_INPUT");
      expect(
        errorCodeOf(
          await asAdmin(
            `mutation { updateStaticPage(slug: "terms", input: { title: "T", sections: [] }) { slug } }`,
          ),
        ),
      ).toBe("BAD_USER_INPUT");
      expect(
        errorCodeOf(
          await asAdmin(
            `mutation { updateStaticPage(slug: "privacy", input: { title: "", sections: [] }) { slug } }`,
          ),
        ),
      ).toBe("BAD_USER_INPUT");
      expect(
        errorCodeOf(
          await asAdmin(`mutation { updateNotice(id: "no-such-notice", input: { title: "X" }) { id } }`),
        ),
      ).toBe("NOT_FOUND");
      expect({
        notices: await rows("page", "select * from notices order by id"),
        pages: await rows("page", "select * from static_pages order by slug"),
      }).toEqual(before);
    });
  });

  describe("dashboard", () => {
    const DASHBOARD = `{ adminDashboard {
      totals { posts { public private draft } views likes comments users visitors openBugReports }
      today { day views visitors signups }
      series7 { day views visitors signups }
      series30 { day views }
      recentSignups { id name registeredAt }
      popularPosts { id title status }
      recentPosts { id title status publishedAt }
      recentDrafts { id title updatedAt }
      recentComments { id content post { title } }
      storage { total { count bytes } avatar { count } stored { count bytes } }
    } }`;

    it("shows totals, series and recent activity from every service", async () => {
      const dashboard = await eventually(async () => {
        const d = dataOf(await asAdmin(DASHBOARD)).adminDashboard;
        // Analytics learns of posts and accounts from events.
        return d.totals.posts.draft >= 1 && d.totals.users >= 3 ? d : undefined;
      });
      expect(dashboard.series7).toHaveLength(7);
      expect(dashboard.series30).toHaveLength(30);
      expect(dashboard.today).toEqual(dashboard.series7[6]);
      expect(dashboard.recentSignups.map((u: Json) => u.name)).toContain("Plain Reader");
      expect(dashboard.recentPosts.length).toBeGreaterThan(0);
      expect(dashboard.recentPosts.every((p: Json) => p.status !== "DRAFT")).toBe(true);
      expect(dashboard.recentDrafts.map((p: Json) => p.title)).toContain("Keep");
      expect(dashboard.popularPosts.every((p: Json) => p.status === "PUBLIC")).toBe(true);
      expect(dashboard.storage.total).toEqual({ count: 0, bytes: 0 });
      expect(dashboard.totals.openBugReports).toBeGreaterThanOrEqual(0);
    });

    it("costs at most one upstream call per service, aliases included", async () => {
      const before = await s.upstreamCalls();
      const body =
        await asAdmin(`{ a: adminDashboard { totals { views } series7 { day } recentPosts { id } popularPosts { id } recentDrafts { id } recentComments { id } storage { total { count } } }
        b: adminDashboard { today { day } recentSignups { id } series30 { day } storage { post { count } } } }`);
      dataOf(body);
      const after = await s.upstreamCalls();
      const made = Object.fromEntries(
        Object.entries(after)
          .map(([service, n]) => [service, n - (before[service] ?? 0)])
          .filter(([, n]) => (n as number) > 0),
      );
      expect(made).toEqual({ analytics: 1, blog: 1, content: 1, storage: 1 });
    });

    it("calls no service for a caller who is not an admin", async () => {
      const before = await s.upstreamCalls();
      expect(errorCodeOf(await s.gql(DASHBOARD, {}, user.token))).toBe("FORBIDDEN");
      expect(errorCodeOf(await s.gql(DASHBOARD))).toBe("UNAUTHENTICATED");
      expect(await s.upstreamCalls()).toEqual(before);
    });
  });
});
