import { png } from "../images";
import { check, eventually, gql, rest, type SecurityContext, secret } from "./context";

/** Object-level rules: nobody edits, deletes or reads what belongs to someone else. */
export async function objectChecks(ctx: SecurityContext): Promise<void> {
  const { urls, user, other, admin, post } = ctx;

  // Comments: a signed-in author's, and a guest's protected by a password.
  secret("guest-secret-1");
  const mine = await rest(`${urls.content}/v1/posts/${post.id}/comments`, "POST", user.token, {
    content: "My own comment",
  });
  const guest = await rest(`${urls.content}/v1/posts/${post.id}/comments`, "POST", undefined, {
    content: "A guest comment",
    guestName: "Guest",
    guestPassword: "guest-secret-1",
  });
  check(
    "objects: comments created for the checks",
    mine.status === 201 && guest.status === 201,
    `${mine.status} ${guest.status}`,
  );
  const commentId: string = mine.body?.id;
  const guestId: string = guest.body?.id;

  const edit = await rest(`${urls.content}/v1/comments/${commentId}`, "PATCH", other.token, {
    content: "Hijacked",
  });
  check("objects: another user cannot edit my comment (REST)", edit.status === 403, `got ${edit.status}`);
  const del = await rest(`${urls.content}/v1/comments/${commentId}`, "DELETE", other.token, {});
  check("objects: another user cannot delete my comment (REST)", del.status === 403, `got ${del.status}`);
  const anonEdit = await rest(`${urls.content}/v1/comments/${commentId}`, "PATCH", undefined, {
    content: "Hijacked",
    guestPassword: "anything-1",
  });
  check(
    "objects: a guest password cannot edit a member's comment",
    anonEdit.status === 403 || anonEdit.status === 401,
    `got ${anonEdit.status}`,
  );
  const gqlEdit = await gql(
    urls.bff,
    `mutation($id: ID!) { editComment(id: $id, content: "Hijacked") { id } }`,
    { id: commentId },
    other.token,
  );
  check(
    "objects: another user cannot edit my comment (GraphQL)",
    gqlEdit.codes.includes("FORBIDDEN"),
    gqlEdit.codes.join(","),
  );
  const gqlDel = await gql(
    urls.bff,
    `mutation($id: ID!) { deleteComment(id: $id) }`,
    { id: commentId },
    other.token,
  );
  check(
    "objects: another user cannot delete my comment (GraphQL)",
    gqlDel.codes.includes("FORBIDDEN"),
    gqlDel.codes.join(","),
  );

  const wrongGuest = await rest(`${urls.content}/v1/comments/${guestId}`, "PATCH", undefined, {
    content: "Hijacked",
    guestPassword: "not-the-password",
  });
  check(
    "objects: a wrong guest password cannot edit a guest comment",
    wrongGuest.status === 403,
    `got ${wrongGuest.status}`,
  );
  const memberOnGuest = await rest(`${urls.content}/v1/comments/${guestId}`, "DELETE", other.token, {});
  check(
    "objects: a signed-in user cannot delete a guest's comment",
    memberOnGuest.status === 403,
    `got ${memberOnGuest.status}`,
  );
  const noPassword = await rest(`${urls.content}/v1/comments/${guestId}`, "DELETE", undefined, {});
  check(
    "objects: a guest comment without its password stays",
    noPassword.status === 403 || noPassword.status === 400,
    `got ${noPassword.status}`,
  );
  const still = await rest(`${urls.content}/v1/posts/${post.id}/comments`, "GET");
  const contents = JSON.stringify(still.body);
  check(
    "objects: both comments unchanged",
    !contents.includes("Hijacked") &&
      contents.includes("My own comment") &&
      contents.includes("A guest comment"),
    contents.slice(0, 300),
  );

  // Secret comments: only the author and admins read them.
  const secretComment = await rest(`${urls.content}/v1/posts/${post.id}/comments`, "POST", user.token, {
    content: "Only for the author",
    secret: true,
  });
  check("objects: secret comment created", secretComment.status === 201, `got ${secretComment.status}`);
  const seenByOther = await gql(
    urls.bff,
    `query($slug: String!) { post(slug: $slug) { comments { edges { node { id content secret } } } } }`,
    { slug: post.slug },
    other.token,
  );
  const seenByGuest = await gql(
    urls.bff,
    `query($slug: String!) { post(slug: $slug) { comments { edges { node { id content secret } } } } }`,
    { slug: post.slug },
  );
  for (const [who, answer] of [
    ["another user", seenByOther],
    ["a guest", seenByGuest],
  ] as const) {
    check(
      `objects: ${who} cannot read a secret comment`,
      !JSON.stringify(answer.data).includes("Only for the author"),
      JSON.stringify(answer.data).slice(0, 300),
    );
  }

  // Bookmarks: removing "someone else's" bookmark removes nothing of theirs.
  // A toggle: earlier checks may have left it on, so toggle until it is on.
  let bookmark = await rest(`${urls.content}/v1/posts/${post.id}/bookmark`, "POST", user.token);
  if (bookmark.body?.bookmarked === false) {
    bookmark = await rest(`${urls.content}/v1/posts/${post.id}/bookmark`, "POST", user.token);
  }
  check(
    "objects: bookmark made",
    bookmark.body?.bookmarked === true,
    `got ${bookmark.status} ${bookmark.text}`,
  );
  const removed = await gql(
    urls.bff,
    `mutation($ids: [ID!]!) { removeBookmarks(postIds: $ids) }`,
    { ids: [post.id] },
    other.token,
  );
  check(
    "objects: another user's removeBookmarks removes none of mine",
    removed.data?.removeBookmarks === 0,
    JSON.stringify(removed),
  );
  const myBookmarks = await gql(
    urls.bff,
    `{ myBookmarks { edges { node { post { id } } } } }`,
    {},
    user.token,
  );
  check(
    "objects: my bookmark survives",
    JSON.stringify(myBookmarks.data).includes(post.id),
    JSON.stringify(myBookmarks).slice(0, 300),
  );
  const othersList = await gql(
    urls.bff,
    `{ myBookmarks { edges { node { post { id } } } } }`,
    {},
    other.token,
  );
  check(
    "objects: my bookmarks are not in another user's list",
    !JSON.stringify(othersList.data).includes(post.id),
    JSON.stringify(othersList).slice(0, 300),
  );

  // Files: an avatar belongs to its uploader.
  const form = new FormData();
  form.set("file", new Blob([new Uint8Array(png(32, 32))], { type: "image/png" }), "me.png");
  const uploaded = await fetch(`${urls.storage}/v1/images?purpose=avatar`, {
    method: "POST",
    headers: { authorization: `Bearer ${user.token}` },
    body: form,
  });
  const image = (await uploaded.json()) as { id?: string };
  check("objects: avatar uploaded", uploaded.status === 201 && Boolean(image.id), `got ${uploaded.status}`);
  const stolen = await rest(`${urls.storage}/v1/images/${image.id}`, "DELETE", other.token);
  check("objects: another user cannot delete my image", stolen.status === 403, `got ${stolen.status}`);
  const anonymous = await rest(`${urls.storage}/v1/images/${image.id}`, "DELETE");
  check("objects: a guest cannot delete my image", anonymous.status === 401, `got ${anonymous.status}`);
  const coverByUser = await fetch(`${urls.storage}/v1/images?purpose=cover`, {
    method: "POST",
    headers: { authorization: `Bearer ${user.token}` },
    body: form,
  });
  check(
    "objects: a user cannot upload cover images",
    coverByUser.status === 403,
    `got ${coverByUser.status}`,
  );
  const coverThroughBff = new FormData();
  coverThroughBff.set(
    "operations",
    JSON.stringify({
      query: "mutation($file: File!) { uploadImage(file: $file, purpose: COVER) { id } }",
      variables: { file: null },
    }),
  );
  coverThroughBff.set("map", JSON.stringify({ "0": ["variables.file"] }));
  coverThroughBff.set("0", new Blob([new Uint8Array(png(32, 32))], { type: "image/png" }), "cover.png");
  const viaBff = await fetch(`${urls.bff}/graphql`, {
    method: "POST",
    headers: { authorization: `Bearer ${user.token}`, "x-graphql-csrf": "1" },
    body: coverThroughBff,
  });
  const viaBffText = await viaBff.text();
  check(
    "objects: a user cannot upload cover images through the BFF",
    viaBffText.includes("FORBIDDEN") && !viaBffText.includes('"id"'),
    viaBffText.slice(0, 200),
  );

  // Bug reports: the description and the email are for the reporter and admins.
  const report = await rest(`${urls.analytics}/v1/bug-reports`, "POST", user.token, {
    title: "Private details inside",
    category: "UI",
    description: "My private description",
    email: "reporter@example.com",
  });
  check("objects: bug report filed", report.status === 201, `got ${report.status}`);
  const query = `query($id: ID!) { bugReport(id: $id) { id description email } }`;
  for (const [who, token] of [
    ["another user", other.token],
    ["a guest", undefined],
  ] as const) {
    const seen = await gql(urls.bff, query, { id: report.body?.id }, token);
    check(
      `objects: ${who} cannot read a bug report's description or email`,
      seen.data?.bugReport?.description == null && seen.data?.bugReport?.email == null,
      JSON.stringify(seen.data),
    );
  }
  const byAdmin = await gql(urls.bff, query, { id: report.body?.id }, admin.token);
  check(
    "objects: an admin reads the bug report's description",
    byAdmin.data?.bugReport?.description === "My private description",
    JSON.stringify(byAdmin),
  );

  // Drafts are not shown to readers.
  const category = await rest(`${urls.blog}/v1/categories`, "POST", admin.token, { name: "Drafts check" });
  const draft = await rest(`${urls.blog}/v1/posts`, "POST", admin.token, {
    title: "Unpublished draft",
    contentHtml: "<p>secret draft</p>",
    categoryId: category.body?.id,
    status: "DRAFT",
  });
  if (draft.status === 201 && draft.body?.status !== "PUBLIC") {
    for (const [who, token] of [
      ["a guest", undefined],
      ["a user", user.token],
    ] as const) {
      const seen = await gql(
        urls.bff,
        `query($slug: String!) { post(slug: $slug) { id contentHtml } }`,
        { slug: draft.body.slug },
        token,
      );
      check(`objects: ${who} cannot read a draft`, seen.data?.post == null, JSON.stringify(seen.data));
    }
  } else {
    check(
      "objects: a draft can be made for the visibility check",
      false,
      `got ${draft.status} ${draft.text.slice(0, 200)}`,
    );
  }

  // A profile change reaches only the caller's own account.
  const renamed = await rest(`${urls.auth}/v1/me`, "PATCH", other.token, { name: "Renamed Other" });
  check(
    "objects: a profile change applies to the caller",
    renamed.status === 200 && renamed.body?.id === other.id,
    `got ${renamed.status}`,
  );
  await eventually(async () => {
    const me = await rest(`${urls.auth}/v1/me`, "GET", user.token);
    return me.body?.name !== "Renamed Other";
  }, 2_000).then(
    () => check("objects: my name is untouched by another user's change", true),
    () => check("objects: my name is untouched by another user's change", false, "renamed"),
  );
}
