import { randomUUID } from "node:crypto";
import { acked, type CallOptions, call, must, type Reply, unknown } from "./api";

export interface Urls {
  auth: string;
  blog: string;
  content: string;
}

export interface Account {
  id: string;
  email: string;
  token: string;
  refreshToken: string;
  admin: boolean;
  /** Last name and avatar auth acknowledged; `dirty` once a later change went unanswered. */
  profile: { name: string; avatarUrl: string | null; changes: number; dirty: boolean };
}

export interface PostModel {
  id: string;
  title: string;
  status: "DRAFT" | "PUBLIC" | "PRIVATE";
  edits: number;
  editDirty: boolean;
  deleted: boolean;
  deleteDirty: boolean;
}

export interface CommentModel {
  id: string;
  postId: string;
  userId: string;
  content: string;
  editDirty: boolean;
  deleted: boolean;
  deleteDirty: boolean;
}

/** A user's like or bookmark of a post as last acknowledged; `dirty` once a later toggle went unanswered. */
export interface ToggleModel {
  postId: string;
  userId: string;
  on: boolean;
  dirty: boolean;
}

/** Everything the services acknowledged, so the checker can tell a lost write from one never made. */
export interface Model {
  accounts: Account[];
  posts: Map<string, PostModel>;
  comments: Map<string, CommentModel>;
  likes: Map<string, ToggleModel>;
  bookmarks: Map<string, ToggleModel>;
}

export interface DriverStats {
  attempted: number;
  acked: number;
  refused: number;
  unanswered: number;
  byKind: Record<string, number>;
  /** Refused writes by kind and status, to tell an expected refusal (a post not replicated yet) from a bug. */
  refusals: Record<string, number>;
}

const PASSWORD = "Chaos-Pass-1234";

async function login(urls: Urls, email: string) {
  return must(`${urls.auth}/v1/login`, { method: "POST", body: { email, password: PASSWORD } });
}

/** Creates the accounts through auth's internal route (no sign-up limit), then signs each one in. */
export async function createAccounts(urls: Urls, serviceToken: string, users: number): Promise<Account[]> {
  const accounts: Account[] = [];
  for (let i = 0; i <= users; i++) {
    const admin = i === 0;
    const email = `chaos-${admin ? "admin" : `user${i}`}-${randomUUID().slice(0, 8)}@quire.test`;
    const name = admin ? "Chaos Admin" : `Chaos User ${i}`;
    await must(`${urls.auth}/internal/users`, {
      method: "POST",
      serviceToken,
      body: { email, password: PASSWORD, name, role: admin ? "ADMIN" : "USER" },
    });
    const session = await login(urls, email);
    accounts.push({
      id: session.user.id,
      email,
      token: session.accessToken,
      refreshToken: session.refreshToken,
      admin,
      profile: { name, avatarUrl: null, changes: 0, dirty: false },
    });
  }
  return accounts;
}

/** Access tokens live 5 minutes; a full run is longer, so every account signs in again now and then. */
export function keepSignedIn(urls: Urls, accounts: Account[], everyMs = 120_000): () => void {
  const timer = setInterval(async () => {
    for (const a of accounts) {
      const r = await call(`${urls.auth}/v1/login`, {
        method: "POST",
        body: { email: a.email, password: PASSWORD },
      });
      if (acked(r)) a.token = r.body.accessToken;
    }
  }, everyMs);
  return () => clearInterval(timer);
}

type Outcome = "acked" | "refused" | "unanswered" | "skipped";

const outcome = (r: Reply): Outcome => (acked(r) ? "acked" : unknown(r) ? "unanswered" : "refused");

/**
 * Issues mixed writes with `concurrency` workers until `target` are acknowledged. Two writes to the same
 * thing (a post, a comment, a user's like of a post) are never in flight at once, so the last acknowledged
 * answer is the state the service must hold.
 */
export class Driver {
  readonly model: Model;
  readonly stats: DriverStats = {
    attempted: 0,
    acked: 0,
    refused: 0,
    unanswered: 0,
    byKind: {},
    refusals: {},
  };
  private readonly busy = new Set<string>();
  private n = 0;
  private readonly users: Account[];
  private readonly admin: Account;

  constructor(
    private readonly urls: Urls,
    accounts: Account[],
    private readonly categoryId: string,
    private readonly random: () => number,
  ) {
    this.model = { accounts, posts: new Map(), comments: new Map(), likes: new Map(), bookmarks: new Map() };
    this.admin = accounts.find((a) => a.admin)!;
    this.users = accounts.filter((a) => !a.admin);
  }

  /** Runs until `target` writes are acknowledged and `done()` says the faults are over. */
  async run(
    target: number,
    concurrency: number,
    done: () => boolean,
    onProgress: (acked: number) => void,
  ): Promise<void> {
    const maxAttempts = target * 6;
    const worker = async () => {
      while ((this.stats.acked < target || !done()) && this.stats.attempted < maxAttempts) {
        const result = await this.step();
        if (result === "skipped") continue;
        if (result === "unanswered") await sleep(100);
        onProgress(this.stats.acked);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
  }

  /** Creates `count` public posts before the faults start, so readers have something to act on. */
  async seedPosts(count: number): Promise<void> {
    for (let i = 0; i < count; i++) await this.createPost("PUBLIC");
  }

  /** `count` writes of one kind at once: the burst a consumer is killed in the middle of. */
  async burst(kind: "post.edit" | "like" | "comment", count: number): Promise<void> {
    const one = () =>
      kind === "post.edit" ? this.editPost() : kind === "like" ? this.toggle("like") : this.comment();
    await Promise.all(Array.from({ length: count }, one));
  }

  private async step(): Promise<Outcome> {
    const r = this.random();
    if (r < 0.06) return this.createPost(this.random() < 0.85 ? "PUBLIC" : "DRAFT");
    if (r < 0.16) return this.editPost();
    if (r < 0.18) return this.deletePost();
    if (r < 0.26) return this.changeProfile();
    if (r < 0.52) return this.comment();
    if (r < 0.57) return this.editComment();
    if (r < 0.61) return this.deleteComment();
    if (r < 0.83) return this.toggle("like");
    return this.toggle("bookmark");
  }

  private pick<T>(items: T[]): T | undefined {
    return items[Math.floor(this.random() * items.length)];
  }

  private async send(kind: string, url: string, options: CallOptions): Promise<Reply> {
    this.stats.attempted++;
    const r = await call(url, options);
    const o = outcome(r);
    if (o === "acked") {
      this.stats.acked++;
      this.stats.byKind[kind] = (this.stats.byKind[kind] ?? 0) + 1;
    } else if (o === "refused") {
      this.stats.refused++;
      const code = `${kind} ${r.status}${r.body?.error?.code ? ` ${r.body.error.code}` : ""}`;
      this.stats.refusals[code] = (this.stats.refusals[code] ?? 0) + 1;
    } else this.stats.unanswered++;
    return r;
  }

  private async exclusive(key: string, run: () => Promise<Outcome>): Promise<Outcome> {
    if (this.busy.has(key)) return "skipped";
    this.busy.add(key);
    try {
      return await run();
    } finally {
      this.busy.delete(key);
    }
  }

  private livePosts(status?: PostModel["status"]): PostModel[] {
    return [...this.model.posts.values()].filter(
      (p) => !p.deleted && !p.deleteDirty && (!status || p.status === status),
    );
  }

  async createPost(status: "PUBLIC" | "DRAFT"): Promise<Outcome> {
    const n = ++this.n;
    const title = `chaos ${n} ${randomUUID().slice(0, 8)}`;
    const r = await this.send("post.create", `${this.urls.blog}/v1/posts`, {
      method: "POST",
      token: this.admin.token,
      body: { title, contentHtml: `<p>Chaos post ${n}.</p>`, categoryId: this.categoryId, status },
    });
    if (acked(r)) {
      this.model.posts.set(r.body.id, {
        id: r.body.id,
        title,
        status,
        edits: 0,
        editDirty: false,
        deleted: false,
        deleteDirty: false,
      });
    }
    return outcome(r);
  }

  private async editPost(): Promise<Outcome> {
    const post = this.pick(this.livePosts());
    if (!post) return "skipped";
    return this.exclusive(`post:${post.id}`, async () => {
      const title = `${post.title.split(" v")[0]} v${post.edits + 1}`;
      const flip = this.random() < 0.15;
      const status = flip ? (post.status === "PUBLIC" ? "PRIVATE" : "PUBLIC") : post.status;
      const r = await this.send("post.edit", `${this.urls.blog}/v1/posts/${post.id}`, {
        method: "PATCH",
        token: this.admin.token,
        body: flip ? { title, status } : { title },
      });
      if (acked(r)) Object.assign(post, { title, status, edits: post.edits + 1, editDirty: false });
      else if (unknown(r)) post.editDirty = true;
      return outcome(r);
    });
  }

  private async deletePost(): Promise<Outcome> {
    const live = this.livePosts();
    // Keep enough posts alive for readers.
    if (live.length < 15) return "skipped";
    const post = this.pick(live)!;
    return this.exclusive(`post:${post.id}`, async () => {
      const r = await this.send("post.delete", `${this.urls.blog}/v1/posts/${post.id}`, {
        method: "DELETE",
        token: this.admin.token,
      });
      if (acked(r)) post.deleted = true;
      else if (unknown(r)) post.deleteDirty = true;
      return outcome(r);
    });
  }

  private async changeProfile(): Promise<Outcome> {
    // The admin too: its name is every post's author name, which the blog, the BFF and content replicate.
    const account = this.random() < 0.2 ? this.admin : this.pick(this.users)!;
    return this.exclusive(`user:${account.id}`, async () => {
      const k = account.profile.changes + 1;
      const name = `${account.admin ? "Chaos Admin" : "Chaos User"} ${account.id.slice(0, 4)} r${k}`;
      const avatarUrl = k % 3 === 0 ? null : `https://images.example/${account.id}/${k}.png`;
      const r = await this.send("profile.update", `${this.urls.auth}/v1/me`, {
        method: "PATCH",
        token: account.token,
        body: { name, avatarUrl },
      });
      if (acked(r)) account.profile = { name, avatarUrl, changes: k, dirty: false };
      else if (unknown(r)) account.profile.dirty = true;
      return outcome(r);
    });
  }

  private async comment(): Promise<Outcome> {
    const post = this.pick(this.livePosts("PUBLIC"));
    if (!post) return "skipped";
    const user = this.pick(this.users)!;
    const content = `chaos comment ${randomUUID()}`;
    const r = await this.send("comment.create", `${this.urls.content}/v1/posts/${post.id}/comments`, {
      method: "POST",
      token: user.token,
      body: { content },
    });
    if (acked(r)) {
      this.model.comments.set(r.body.id, {
        id: r.body.id,
        postId: post.id,
        userId: user.id,
        content,
        editDirty: false,
        deleted: false,
        deleteDirty: false,
      });
    }
    return outcome(r);
  }

  private liveComments(): CommentModel[] {
    return [...this.model.comments.values()].filter((c) => !c.deleted && !c.deleteDirty);
  }

  private async editComment(): Promise<Outcome> {
    const comment = this.pick(this.liveComments());
    if (!comment) return "skipped";
    const user = this.model.accounts.find((a) => a.id === comment.userId)!;
    return this.exclusive(`comment:${comment.id}`, async () => {
      const content = `chaos comment ${randomUUID()} edited`;
      const r = await this.send("comment.edit", `${this.urls.content}/v1/comments/${comment.id}`, {
        method: "PATCH",
        token: user.token,
        body: { content },
      });
      if (acked(r)) Object.assign(comment, { content, editDirty: false });
      else if (unknown(r)) comment.editDirty = true;
      return outcome(r);
    });
  }

  private async deleteComment(): Promise<Outcome> {
    const comment = this.pick(this.liveComments());
    if (!comment) return "skipped";
    const user = this.model.accounts.find((a) => a.id === comment.userId)!;
    return this.exclusive(`comment:${comment.id}`, async () => {
      const r = await this.send("comment.delete", `${this.urls.content}/v1/comments/${comment.id}`, {
        method: "DELETE",
        token: user.token,
      });
      if (acked(r)) comment.deleted = true;
      else if (unknown(r)) comment.deleteDirty = true;
      return outcome(r);
    });
  }

  private async toggle(kind: "like" | "bookmark"): Promise<Outcome> {
    const post = this.pick(this.livePosts("PUBLIC"));
    if (!post) return "skipped";
    const user = this.pick(this.users)!;
    const key = `${post.id}|${user.id}`;
    const models = kind === "like" ? this.model.likes : this.model.bookmarks;
    return this.exclusive(`${kind}:${key}`, async () => {
      const r = await this.send(`${kind}.toggle`, `${this.urls.content}/v1/posts/${post.id}/${kind}`, {
        method: "POST",
        token: user.token,
      });
      if (acked(r)) {
        const on = kind === "like" ? r.body.liked === true : r.body.bookmarked === true;
        models.set(key, { postId: post.id, userId: user.id, on, dirty: false });
      } else if (unknown(r)) {
        const known = models.get(key);
        models.set(key, { postId: post.id, userId: user.id, on: known?.on ?? false, dirty: true });
      }
      return outcome(r);
    });
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A small seeded generator (mulberry32), so a run's mix of writes can be repeated. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
