import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createTestUser, eventually, type Json, json } from "@quire/service-kit/testing";
import { createSchema } from "graphql-yoga";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AdminStack, startAdminStack } from "./admin-test-stack";
import { insertDeadLetter } from "./test-support";

type Role = "anonymous" | "user" | "admin";
/** "data": the field answers without an error (null included); otherwise the one error code expected. */
type Outcome = "data" | "UNAUTHENTICATED" | "FORBIDDEN" | "BAD_USER_INPUT" | "NOT_FOUND";
const ROLES: Role[] = ["anonymous", "user", "admin"];

interface Case {
  /** The operation, selecting the field under test at its root. */
  document: string;
  /** Variables for one run; a run that writes gets its own fresh target. */
  variables?: (role: Role) => Promise<Record<string, unknown>> | Record<string, unknown>;
  /** Another caller of the role than the shared one (for runs that sign their caller out). */
  caller?: (role: Role) => Promise<string | undefined>;
  /** Sends the request itself (multipart uploads); answers the parsed body. */
  send?: (token: string | undefined) => Promise<Json>;
  /** Waits for work the run started (a backup job) before the next run. */
  settle?: (data: Json) => Promise<unknown>;
  expect: Record<Role, Outcome>;
}

const PUBLIC: Record<Role, Outcome> = { anonymous: "data", user: "data", admin: "data" };
const SIGNED_IN: Record<Role, Outcome> = { anonymous: "UNAUTHENTICATED", user: "data", admin: "data" };
const ADMIN: Record<Role, Outcome> = { anonymous: "UNAUTHENTICATED", user: "FORBIDDEN", admin: "data" };
const NOBODY_UNAUTHENTICATED: Record<Role, Outcome> = {
  anonymous: "UNAUTHENTICATED",
  user: "UNAUTHENTICATED",
  admin: "UNAUTHENTICATED",
};

/** The root fields the schema files declare, read the way the server reads them. */
function rootFields() {
  const dir = new URL("./schema/", import.meta.url);
  const typeDefs = readdirSync(dir)
    .filter((file) => file.endsWith(".graphql"))
    .sort()
    .map((file) => readFileSync(new URL(file, dir), "utf8"));
  const schema = createSchema({ typeDefs });
  return {
    Query: Object.keys(schema.getQueryType()?.getFields() ?? {}),
    Mutation: Object.keys(schema.getMutationType()?.getFields() ?? {}),
  };
}

/** Every root Query and Mutation field, run as anonymous, a user and an admin, against the real services. */
describe("access matrix: every root field for every kind of caller", () => {
  let s: AdminStack;
  let site: Server;
  let siteUrl: string;
  let png: Buffer;
  const fixture: Record<string, string> = {};
  const tokens: Record<Role, string | undefined> = {
    anonymous: undefined,
    user: undefined,
    admin: undefined,
  };
  const asAdmin = async (query: string, variables: Record<string, unknown> = {}) => {
    const body = await s.gql(query, variables, tokens.admin);
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    return body.data;
  };

  const newPost = async (title = `Matrix ${randomUUID().slice(0, 8)}`) =>
    (
      await asAdmin(
        `mutation($c: ID!, $t: String!) { createPost(input: { title: $t, contentHtml: "<p>x</p>", categoryId: $c }) { id slug } }`,
        { c: fixture.categoryId, t: title },
      )
    ).createPost as { id: string; slug: string };
  const newDraft = async () => {
    const id = `matrix-${randomUUID().slice(0, 8)}`;
    await asAdmin(`mutation($id: ID!) { saveDraft(id: $id, input: { title: "Draft" }) { id } }`, { id });
    return id;
  };
  const newComment = async () =>
    (
      await s.gql(
        `mutation($p: ID!) { addComment(postId: $p, input: { content: "A remark" }) { id } }`,
        { p: fixture.postId },
        tokens.user,
      )
    ).data.addComment.id as string;
  const newTaxonomy = async (kind: "Category" | "Tag") =>
    (
      await asAdmin(`mutation($n: String!) { create${kind}(input: { name: $n }) { id } }`, {
        n: `m-${randomUUID().slice(0, 8)}`,
      })
    )[`create${kind}`].id as string;
  const newNotice = async () =>
    (
      await asAdmin(
        `mutation { createNotice(input: { title: "Matrix notice", contentHtml: "<p>x</p>" }) { id } }`,
      )
    ).createNotice.id as string;
  const newAccount = async (role: Role) =>
    role === "anonymous"
      ? undefined
      : (await createTestUser(s.stack, role === "admin" ? "ADMIN" : "USER")).token;
  /** An account to act on, made without signing it in (auth limits sign-ins per address). */
  const newAccountId = async () => {
    const res = await fetch(`${s.stack.services.auth!.url}/internal/users`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-service-token": s.stack.serviceToken },
      body: JSON.stringify({
        email: `target-${randomUUID().slice(0, 8)}@example.com`,
        password: "Matrix-Pass1",
        role: "USER",
      }),
    });
    expect(res.status).toBe(201);
    return (await json(res)).id as string;
  };
  const newDeadLetter = async () => (await insertDeadLetter(s.stack, "blog", "blog.author-replica")).id;
  const jobDone = (id: string) =>
    eventually(async () => {
      const job = (await asAdmin(`query($id: ID!) { backupJob(id: $id) { status } }`, { id })).backupJob;
      return job.status !== "RUNNING";
    }, 60_000);

  const upload = async (token: string | undefined) => {
    const form = new FormData();
    form.append(
      "operations",
      JSON.stringify({
        query: `mutation($f: File!) { uploadImage(file: $f, purpose: AVATAR) { id } }`,
        variables: { f: null },
      }),
    );
    form.append("map", JSON.stringify({ 0: ["variables.f"] }));
    form.append("0", new Blob([new Uint8Array(png)], { type: "image/png" }), "me.png");
    const res = await fetch(`${s.bff.url}/graphql`, {
      method: "POST",
      headers: { "x-graphql-csrf": "1", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: form,
    });
    return json(res);
  };

  const cases: Record<"Query" | "Mutation", Record<string, Case>> = {
    Query: {
      homePage: { document: `{ homePage { latest { id } } }`, expect: PUBLIC },
      sidebar: { document: `{ sidebar { popularTags { id } } }`, expect: PUBLIC },
      posts: { document: `{ posts { edges { node { id } } } }`, expect: PUBLIC },
      post: {
        document: `query($slug: String!) { post(slug: $slug) { id } }`,
        variables: () => ({ slug: fixture.postSlug }),
        expect: PUBLIC,
      },
      categories: { document: `{ categories { id } }`, expect: PUBLIC },
      category: { document: `{ category(slug: "matrix") { id } }`, expect: PUBLIC },
      tags: { document: `{ tags { id } }`, expect: PUBLIC },
      tag: { document: `{ tag(slug: "matrix") { id } }`, expect: PUBLIC },
      search: { document: `{ search(query: "matrix") { edges { node { id } } } }`, expect: PUBLIC },
      notices: { document: `{ notices { edges { node { id } } } }`, expect: PUBLIC },
      notice: { document: `{ notice(slug: "nothing-here") { id } }`, expect: PUBLIC },
      page: { document: `{ page(slug: "privacy") { title } }`, expect: PUBLIC },
      me: { document: `{ me { id } }`, expect: PUBLIC },
      myBookmarks: { document: `{ myBookmarks { edges { cursor } } }`, expect: SIGNED_IN },
      myComments: { document: `{ myComments { edges { cursor } } }`, expect: SIGNED_IN },
      bugReports: { document: `{ bugReports { edges { node { id } } } }`, expect: PUBLIC },
      bugReport: {
        document: `query($id: ID!) { bugReport(id: $id) { id description } }`,
        variables: () => ({ id: fixture.bugReportId }),
        expect: PUBLIC,
      },
      oidcConfig: { document: `{ oidcConfig { enabled } }`, expect: PUBLIC },
      adminDashboard: {
        document: `{ adminDashboard { totals { users } recentPosts { id } } }`,
        expect: ADMIN,
      },
      adminPosts: { document: `{ adminPosts { edges { node { id } } } }`, expect: ADMIN },
      drafts: { document: `{ drafts { edges { node { id } } } }`, expect: ADMIN },
      draft: { document: `{ draft(id: "matrix-missing") { id } }`, expect: ADMIN },
      adminComments: { document: `{ adminComments { edges { node { id } } } }`, expect: ADMIN },
      users: { document: `{ users { totalCount } }`, expect: ADMIN },
      userStats: { document: `{ userStats { totals { users } } }`, expect: ADMIN },
      adminPages: { document: `{ adminPages { staticPages { slug } } }`, expect: ADMIN },
      storageUsage: { document: `{ storageUsage { total { count } } }`, expect: ADMIN },
      orphanImages: { document: `{ orphanImages { totalCount } }`, expect: ADMIN },
      backups: { document: `{ backups { jobs { id } } }`, expect: ADMIN },
      backupJob: { document: `{ backupJob(id: "matrix-missing") { id } }`, expect: ADMIN },
      eventPipeline: { document: `{ eventPipeline { totalBacklog } }`, expect: ADMIN },
    },
    Mutation: {
      login: {
        document: `mutation($e: String!) { login(email: $e, password: "Matrix-Pass1") { accessToken } }`,
        variables: () => ({ e: fixture.loginEmail }),
        expect: PUBLIC,
      },
      register: {
        document: `mutation($e: String!) { register(email: $e, password: "Matrix-Pass1") { accessToken } }`,
        variables: () => ({ e: `matrix-${randomUUID().slice(0, 8)}@example.com` }),
        expect: PUBLIC,
      },
      // The refresh token travels only in the httpOnly cookie; a bearer token alone is no session to refresh.
      refreshSession: {
        document: `mutation { refreshSession { accessToken } }`,
        expect: NOBODY_UNAUTHENTICATED,
      },
      logout: { document: `mutation { logout }`, expect: PUBLIC },
      updateProfile: {
        document: `mutation { updateProfile(input: { bio: "Matrix" }) { id } }`,
        expect: SIGNED_IN,
      },
      changePassword: {
        document: `mutation { changePassword(currentPassword: "Test-Password1", newPassword: "Matrix-Pass2") { accessToken } }`,
        caller: newAccount,
        expect: SIGNED_IN,
      },
      // No provider is configured in the test stack, so no code can be redeemed.
      completeOidcSignIn: {
        document: `mutation { completeOidcSignIn(code: "matrix") { accessToken } }`,
        expect: { anonymous: "NOT_FOUND", user: "NOT_FOUND", admin: "NOT_FOUND" },
      },
      addComment: {
        document: `mutation($p: ID!, $input: CommentInput!) { addComment(postId: $p, input: $input) { id } }`,
        variables: (role) => ({
          p: fixture.postId,
          input:
            role === "anonymous"
              ? { content: "As a guest", guestName: "Guest", guestPassword: "guest-pass" }
              : { content: "Signed in" },
        }),
        expect: PUBLIC,
      },
      editComment: {
        document: `mutation($id: ID!) { editComment(id: $id, content: "Edited") { id } }`,
        variables: async () => ({ id: await newComment() }),
        expect: SIGNED_IN,
      },
      deleteComment: {
        document: `mutation($id: ID!) { deleteComment(id: $id) }`,
        variables: async () => ({ id: await newComment() }),
        expect: SIGNED_IN,
      },
      toggleLike: {
        document: `mutation($p: ID!) { toggleLike(postId: $p) { liked } }`,
        variables: () => ({ p: fixture.postId }),
        expect: PUBLIC,
      },
      toggleBookmark: {
        document: `mutation($p: ID!) { toggleBookmark(postId: $p) { bookmarked } }`,
        variables: () => ({ p: fixture.postId }),
        expect: SIGNED_IN,
      },
      removeBookmarks: {
        document: `mutation($p: ID!) { removeBookmarks(postIds: [$p]) }`,
        variables: () => ({ p: fixture.postId }),
        expect: SIGNED_IN,
      },
      recordView: {
        document: `mutation($p: ID!) { recordView(postId: $p) { counted } }`,
        variables: () => ({ p: fixture.postId }),
        expect: PUBLIC,
      },
      trackVisit: { document: `mutation { trackVisit }`, expect: PUBLIC },
      createBugReport: {
        document: `mutation { createBugReport(input: { title: "Matrix", category: "ETC", description: "Found it" }) { id } }`,
        expect: PUBLIC,
      },
      createPost: {
        document: `mutation($c: ID!) { createPost(input: { title: "Matrix post", contentHtml: "<p>x</p>", categoryId: $c }) { id } }`,
        variables: () => ({ c: fixture.categoryId }),
        expect: ADMIN,
      },
      updatePost: {
        document: `mutation($id: ID!) { updatePost(id: $id, input: { title: "Matrix, edited" }) { id } }`,
        variables: () => ({ id: fixture.postId }),
        expect: ADMIN,
      },
      deletePosts: {
        document: `mutation($ids: [ID!]!) { deletePosts(ids: $ids) }`,
        variables: async () => ({ ids: [(await newPost()).id] }),
        expect: ADMIN,
      },
      saveDraft: {
        document: `mutation($id: ID!) { saveDraft(id: $id, input: { title: "Autosaved" }) { id } }`,
        variables: () => ({ id: `matrix-${randomUUID().slice(0, 8)}` }),
        expect: ADMIN,
      },
      publishDraft: {
        document: `mutation($id: ID!, $c: ID!) { publishDraft(id: $id, input: { status: PRIVATE, categoryId: $c }) { id } }`,
        variables: async () => ({ id: await newDraft(), c: fixture.categoryId }),
        expect: ADMIN,
      },
      deleteDraft: {
        document: `mutation($id: ID!) { deleteDraft(id: $id) }`,
        variables: async () => ({ id: await newDraft() }),
        expect: ADMIN,
      },
      createCategory: {
        document: `mutation($n: String!) { createCategory(input: { name: $n }) { id } }`,
        variables: () => ({ n: `c-${randomUUID().slice(0, 8)}` }),
        expect: ADMIN,
      },
      updateCategory: {
        document: `mutation($id: ID!, $n: String!) { updateCategory(id: $id, input: { name: $n }) { id } }`,
        variables: () => ({ id: fixture.categoryId, n: `Matrix ${randomUUID().slice(0, 4)}` }),
        expect: ADMIN,
      },
      deleteCategory: {
        document: `mutation($id: ID!) { deleteCategory(id: $id) }`,
        variables: async () => ({ id: await newTaxonomy("Category") }),
        expect: ADMIN,
      },
      createTag: {
        document: `mutation($n: String!) { createTag(input: { name: $n }) { id } }`,
        variables: () => ({ n: `t-${randomUUID().slice(0, 8)}` }),
        expect: ADMIN,
      },
      updateTag: {
        document: `mutation($id: ID!, $n: String!) { updateTag(id: $id, input: { name: $n }) { id } }`,
        variables: async () => ({ id: await newTaxonomy("Tag"), n: `t-${randomUUID().slice(0, 8)}` }),
        expect: ADMIN,
      },
      deleteTag: {
        document: `mutation($id: ID!) { deleteTag(id: $id) }`,
        variables: async () => ({ id: await newTaxonomy("Tag") }),
        expect: ADMIN,
      },
      setCommentStatus: {
        document: `mutation($id: ID!) { setCommentStatus(id: $id, status: PENDING) { id } }`,
        variables: async () => ({ id: await newComment() }),
        expect: ADMIN,
      },
      deleteComments: {
        document: `mutation($id: ID!) { deleteComments(ids: [$id]) }`,
        variables: async () => ({ id: await newComment() }),
        expect: ADMIN,
      },
      respondToBugReport: {
        document: `mutation($id: ID!) { respondToBugReport(id: $id, input: { reply: "On it", status: IN_PROGRESS }) { id } }`,
        variables: () => ({ id: fixture.bugReportId }),
        expect: ADMIN,
      },
      // Any signed-in user may upload their avatar (storage's rule); the matrix sends it as multipart.
      uploadImage: { document: "", send: upload, expect: SIGNED_IN },
      fetchLinkPreview: {
        document: `mutation($url: String!) { fetchLinkPreview(url: $url) { title } }`,
        variables: () => ({ url: siteUrl }),
        expect: ADMIN,
      },
      createNotice: {
        document: `mutation { createNotice(input: { title: "Matrix", contentHtml: "<p>x</p>" }) { id } }`,
        expect: ADMIN,
      },
      updateNotice: {
        document: `mutation($id: ID!) { updateNotice(id: $id, input: { pinned: true }) { id } }`,
        variables: async () => ({ id: await newNotice() }),
        expect: ADMIN,
      },
      deleteNotice: {
        document: `mutation($id: ID!) { deleteNotice(id: $id) }`,
        variables: async () => ({ id: await newNotice() }),
        expect: ADMIN,
      },
      updateStaticPage: {
        document: `mutation { updateStaticPage(slug: "privacy", input: { title: "Privacy", sections: [] }) { slug } }`,
        expect: ADMIN,
      },
      setUserStatus: {
        document: `mutation($id: ID!) { setUserStatus(id: $id, status: SUSPENDED) { id } }`,
        variables: async () => ({ id: await newAccountId() }),
        expect: ADMIN,
      },
      setUserRole: {
        document: `mutation($id: ID!) { setUserRole(id: $id, role: ADMIN) { id } }`,
        variables: async () => ({ id: await newAccountId() }),
        expect: ADMIN,
      },
      createBackup: {
        document: `mutation { createBackup(description: "Matrix") { id } }`,
        settle: (data) => jobDone(data.createBackup.id),
        expect: ADMIN,
      },
      restoreBackup: {
        document: `mutation($id: ID!) { restoreBackup(id: $id) { id } }`,
        variables: () => ({ id: fixture.backupId }),
        settle: (data) => jobDone(data.restoreBackup.id),
        expect: ADMIN,
      },
      deleteBackup: {
        document: `mutation($id: ID!) { deleteBackup(id: $id) }`,
        variables: async (role) => {
          if (role !== "admin") return { id: fixture.backupId };
          const { createBackup } = await asAdmin(
            `mutation { createBackup(description: "Spare") { id backupId } }`,
          );
          await jobDone(createBackup.id);
          return { id: createBackup.backupId };
        },
        expect: ADMIN,
      },
      cleanOrphanImages: { document: `mutation { cleanOrphanImages { deleted } }`, expect: ADMIN },
      replayDeadLetter: {
        document: `mutation($id: ID!) { replayDeadLetter(service: BLOG, id: $id) }`,
        variables: async () => ({ id: await newDeadLetter() }),
        expect: ADMIN,
      },
      discardDeadLetter: {
        document: `mutation($id: ID!) { discardDeadLetter(service: BLOG, id: $id) }`,
        variables: async () => ({ id: await newDeadLetter() }),
        expect: ADMIN,
      },
    },
  };

  beforeAll(async () => {
    s = await startAdminStack();
    tokens.user = s.user.token;
    tokens.admin = s.admin.token;
    png = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#000000" } })
      .png()
      .toBuffer();
    site = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<html><head><title>Matrix</title></head></html>");
    });
    await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
    siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}/`;

    fixture.categoryId = (
      await asAdmin(`mutation { createCategory(input: { name: "Matrix" }) { id } }`)
    ).createCategory.id;
    const post = await newPost("Matrix fixture");
    fixture.postId = post.id;
    fixture.postSlug = post.slug;
    // Content learns of the post from blog's events before anyone can comment on it.
    await eventually(async () => (await newComment().catch(() => undefined)) !== undefined);
    fixture.bugReportId = (
      await s.gql(
        `mutation { createBugReport(input: { title: "Fixture", category: "UI", description: "x" }) { id } }`,
      )
    ).data.createBugReport.id;
    const email = `matrix-login-${randomUUID().slice(0, 8)}@example.com`;
    await s.gql(`mutation($e: String!) { register(email: $e, password: "Matrix-Pass1") { accessToken } }`, {
      e: email,
    });
    fixture.loginEmail = email;
    const { createBackup } = await asAdmin(
      `mutation { createBackup(description: "Fixture") { id backupId } }`,
    );
    await jobDone(createBackup.id);
    fixture.backupId = (
      await asAdmin(`query($id: ID!) { backupJob(id: $id) { backupId } }`, { id: createBackup.id })
    ).backupJob.backupId;
  });
  afterAll(async () => {
    await s?.close();
    await new Promise((resolve) => site?.close(resolve));
  });

  it("has a case for every root field of the schema, and none for a field that is gone", () => {
    const fields = rootFields();
    for (const type of ["Query", "Mutation"] as const) {
      expect(
        Object.keys(cases[type]).sort(),
        `${type} fields without a case, or cases without a field`,
      ).toEqual([...fields[type]].sort());
    }
  });

  for (const type of ["Query", "Mutation"] as const) {
    it(`runs every ${type} field as anonymous, user and admin with the expected outcome`, async () => {
      const failures: string[] = [];
      // Restoring a backup rewrites every service's data: it runs last, so nothing after it depends on it.
      const names = Object.keys(cases[type]).sort(
        (a, b) => Number(a === "restoreBackup") - Number(b === "restoreBackup"),
      );
      for (const field of names) {
        const c = cases[type][field]!;
        for (const role of ROLES) {
          const token = c.caller ? await c.caller(role) : tokens[role];
          const body = c.send
            ? await c.send(token)
            : await s.gql(c.document, (await c.variables?.(role)) ?? {}, token);
          const expected = c.expect[role];
          const outcome: string =
            body.errors?.length > 0
              ? (body.errors[0].extensions?.code ?? "NO_CODE")
              : body.data && field in body.data
                ? "data"
                : "NO_DATA";
          if (outcome !== expected) {
            failures.push(
              `${field} as ${role}: expected ${expected}, got ${outcome} ${JSON.stringify(body.errors ?? [])}`,
            );
          } else if (outcome === "data") {
            await c.settle?.(body.data);
          }
        }
      }
      expect(failures).toEqual([]);
    }, 300_000);
  }
});
