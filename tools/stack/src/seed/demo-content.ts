/** Demo content for a fresh site: two authors, five categories, posts in English and Korean. */

export const DEMO_AUTHORS = [
  { key: "owner", name: "Quire Admin", email: "admin@quire.local" },
  { key: "guest", name: "김서연", email: "seoyeon@quire.local" },
] as const;

export const DEMO_CATEGORIES = ["Architecture", "Frontend", "Operations", "Databases", "개발 일기"];

interface DemoPost {
  title: string;
  category: string;
  tags: string[];
  author: (typeof DEMO_AUTHORS)[number]["key"];
  paragraphs: string[];
  code?: { language: string; source: string };
}

const p = (text: string) => `<p>${text}</p>`;

export const DEMO_POSTS: DemoPost[] = [
  {
    title: "Splitting a blog monolith along its domains",
    category: "Architecture",
    tags: ["microservices", "ddd"],
    author: "owner",
    paragraphs: [
      "A blog looks like one thing, but it is several: accounts, writing, conversation, pages and numbers. Each has its own rules and its own pace of change.",
      "We draw the lines where the data is owned. Auth owns users; the blog owns posts; content owns comments, likes and bookmarks.",
      "Everything else is a copy kept fresh by events, never a join across databases.",
    ],
  },
  {
    title: "The transactional outbox, explained with one table",
    category: "Architecture",
    tags: ["events", "outbox", "postgresql"],
    author: "owner",
    paragraphs: [
      "Writing to the database and publishing to the broker are two systems; one of them will fail at the wrong moment.",
      "The outbox makes the event part of the same transaction as the change. A relay publishes rows afterwards and marks them sent only after the broker confirms.",
    ],
    code: {
      language: "sql",
      source:
        "insert into outbox (id, type, aggregate_id, payload)\nvalues ($1, 'post.created', $2, $3);\n-- committed together with the post itself",
    },
  },
  {
    title: "Idempotent consumers: insert first, ask later",
    category: "Architecture",
    tags: ["events", "idempotency"],
    author: "owner",
    paragraphs: [
      "A broker delivers at least once. The consumer must therefore make a second delivery harmless.",
      "We insert the event id into an inbox table in the same transaction as the change. A duplicate key means the work is already done.",
    ],
    code: {
      language: "ts",
      source:
        "await db.transaction(async (tx) => {\n  const fresh = await tx.insert(inbox).values({ eventId }).onConflictDoNothing().returning();\n  if (fresh.length === 0) return; // already applied\n  await apply(tx, event);\n});",
    },
  },
  {
    title: "Read models that survive reordering",
    category: "Architecture",
    tags: ["events", "replicas"],
    author: "guest",
    paragraphs: [
      "Events can arrive out of order after a retry. Carry the full state and an aggregate version in every event.",
      "The replica applies an event only when its version is newer than what it holds, so a late event changes nothing.",
    ],
  },
  {
    title: "A GraphQL BFF that costs one call per service",
    category: "Architecture",
    tags: ["graphql", "dataloader"],
    author: "owner",
    paragraphs: [
      "A screen asks one question. The BFF answers it by batching every lookup into one call per service with a fresh DataLoader per request.",
      "Fields owned by another service are nullable, so a service outage becomes a partial answer instead of a blank page.",
    ],
  },
  {
    title: "Module Federation without a second React",
    category: "Frontend",
    tags: ["module-federation", "react", "vite"],
    author: "owner",
    paragraphs: [
      "Remotes share React, the router and the query client with the shell. One list of versions keeps them identical.",
      "A remote that fails to load shows a fallback with a retry button, while the rest of the site keeps working.",
    ],
  },
  {
    title: "Loading remotes from a runtime manifest",
    category: "Frontend",
    tags: ["module-federation", "deployment"],
    author: "guest",
    paragraphs: [
      "The shell reads remotes.json when it starts. Deploying a remote means publishing its build and updating the manifest; the shell is not rebuilt.",
    ],
    code: {
      language: "json",
      source: '{ "remotes": [{ "name": "blog", "url": "/assets/remoteEntry.js", "version": "1.4.0" }] }',
    },
  },
  {
    title: "Dark mode that remembers",
    category: "Frontend",
    tags: ["css", "accessibility"],
    author: "guest",
    paragraphs: [
      "Store the choice, apply it before the first paint, and respect the system preference when there is no choice yet.",
    ],
  },
  {
    title: "Keyboard first: navigating a blog without a mouse",
    category: "Frontend",
    tags: ["accessibility"],
    author: "owner",
    paragraphs: [
      "Landmarks, real headings and visible focus make a page usable from the keyboard and by screen readers.",
      "Every interactive element is a button or a link, never a clickable div.",
    ],
  },
  {
    title: "Cursor pagination that stays fast on page 1,000",
    category: "Databases",
    tags: ["postgresql", "performance"],
    author: "owner",
    paragraphs: [
      "OFFSET reads and throws away every earlier row. A keyset cursor seeks straight to where the last page ended.",
    ],
    code: {
      language: "sql",
      source:
        "select * from posts\nwhere status = 'PUBLIC' and (published_at, id) < ($1, $2)\norder by published_at desc, id desc\nlimit 20;",
    },
  },
  {
    title: "PGlite: PostgreSQL in the same process",
    category: "Databases",
    tags: ["postgresql", "pglite"],
    author: "guest",
    paragraphs: [
      "PGlite runs PostgreSQL compiled to WebAssembly. It lets the whole stack start with one command and no servers to install.",
      "It runs queries on the JavaScript thread, so each service gets its own worker thread.",
    ],
  },
  {
    title: "Full-text search for Korean and English",
    category: "Databases",
    tags: ["search", "korean", "postgresql"],
    author: "owner",
    paragraphs: [
      "Korean words change their endings with particles. Trigram matching finds them where a stemmer for English would not.",
    ],
  },
  {
    title: "Dead letters you can actually read",
    category: "Operations",
    tags: ["events", "operations"],
    author: "owner",
    paragraphs: [
      "A message that keeps failing goes to a dead-letter queue after a few retries. The admin console shows its payload and error, and can replay it.",
    ],
  },
  {
    title: "Health, readiness and graceful shutdown",
    category: "Operations",
    tags: ["operations", "kubernetes"],
    author: "guest",
    paragraphs: [
      "Healthz says the process is alive. Readyz says it can serve: its database answers and its broker is connected.",
      "On shutdown, stop accepting, finish what is in flight, then close the relay, the bus and the database.",
    ],
  },
  {
    title: "Metrics that answer real questions",
    category: "Operations",
    tags: ["observability", "prometheus"],
    author: "owner",
    paragraphs: [
      "Outbox backlog, dead letters and upstream calls per operation tell you more than CPU graphs ever will.",
    ],
  },
  {
    title: "Backups that include the passwords",
    category: "Operations",
    tags: ["backup", "operations"],
    author: "guest",
    paragraphs: [
      "A restore that forgets password hashes locks every user out. Back up everything a service owns.",
    ],
  },
  {
    title: "마이크로서비스로 블로그 나누기",
    category: "개발 일기",
    tags: ["microservices", "korean"],
    author: "guest",
    paragraphs: [
      "하나의 블로그 안에는 계정, 글쓰기, 댓글, 통계처럼 서로 다른 영역이 들어 있습니다.",
      "데이터를 소유하는 곳을 기준으로 서비스를 나누고, 나머지는 이벤트로 복제합니다.",
    ],
  },
  {
    title: "이벤트 기반 아키텍처 입문",
    category: "개발 일기",
    tags: ["events", "korean"],
    author: "guest",
    paragraphs: [
      "서비스는 서로를 직접 호출하는 대신 도메인 이벤트를 발행합니다.",
      "소비자는 같은 이벤트를 두 번 받아도 결과가 같도록 멱등하게 처리합니다.",
    ],
  },
  {
    title: "다크 모드와 접근성",
    category: "개발 일기",
    tags: ["accessibility", "korean"],
    author: "owner",
    paragraphs: ["색 대비를 지키고 키보드만으로도 모든 기능을 쓸 수 있어야 합니다."],
  },
  {
    title: "PostgreSQL 인덱스 다루기",
    category: "Databases",
    tags: ["postgresql", "korean"],
    author: "guest",
    paragraphs: [
      "부분 인덱스는 공개된 글만 빠르게 찾도록 도와줍니다.",
      "커서 기반 페이지네이션과 함께 쓰면 깊은 페이지도 빠릅니다.",
    ],
    code: {
      language: "sql",
      source: "create index posts_public_idx on posts (published_at desc, id desc) where status = 'PUBLIC';",
    },
  },
  {
    title: "Writing with a block editor",
    category: "Frontend",
    tags: ["editor", "tiptap"],
    author: "owner",
    paragraphs: [
      "Callouts, pull quotes, code blocks and link cards make long posts easier to read.",
      "Autosave keeps a draft after a few seconds of quiet, so nothing you write is lost.",
    ],
  },
  {
    title: "Rate limits for anonymous writes",
    category: "Operations",
    tags: ["security"],
    author: "owner",
    paragraphs: ["Guest comments and bug reports are open to anyone, so they are rate limited per client."],
  },
  {
    title: "Safe HTML in posts and comments",
    category: "Architecture",
    tags: ["security", "html"],
    author: "guest",
    paragraphs: [
      "Sanitise on the way in, render safely on the way out. No script or event handler survives either step.",
    ],
  },
  {
    title: "Welcome to Quire",
    category: "Architecture",
    tags: ["quire"],
    author: "owner",
    paragraphs: [
      "Quire is an open blog platform built from domain services, a GraphQL BFF and federated micro-frontends.",
      "Browse the posts, leave a comment, and sign in as the admin to write your own.",
    ],
  },
];

export function demoPostHtml(post: DemoPost): string {
  const [first, ...rest] = post.paragraphs;
  const code = post.code
    ? `<pre><code class="language-${post.code.language}">${escapeHtml(post.code.source)}</code></pre>`
    : "";
  return [p(first ?? ""), "<h2>Details</h2>", ...rest.map(p), code].join("\n");
}

function escapeHtml(s: string): string {
  return s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}
