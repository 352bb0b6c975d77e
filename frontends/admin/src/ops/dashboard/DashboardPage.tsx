import { Link, useDocumentTitle } from "@quire/shell-sdk";
import { Card } from "@quire/ui";
import { type ReactNode, useState } from "react";
import {
  type AdminDashboard,
  type DashboardPost,
  type DayStats,
  HEALTH_DEAD_LETTER_LIMIT,
  useDashboard,
  usePipelineHealth,
} from "../../api/dashboard";
import { Chart } from "../../components/Chart";
import {
  FormattedDate,
  formatBytes,
  formatNumber,
  LoadError,
  ScreenHeader,
  StatSkeleton,
  StatusBadge,
} from "../../components/ListStates";
import { SegmentedControl } from "../../components/SegmentedControl";

type Range = "7" | "30";

const dayFormat = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric", timeZone: "UTC" });

/** "2026-11-21" as "Nov 21", read as a calendar day (no time-zone shift). */
function dayLabel(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? day : dayFormat.format(date);
}

function Stat({ label, value }: { label: string; value: ReactNode }) {
  return (
    <div className="q-admin-stat">
      <dt className="q-admin-stat__label">{label}</dt>
      <dd className="q-admin-stat__value">{value}</dd>
    </div>
  );
}

/** A widget whose service did not answer says so; the rest of the dashboard still works. */
function Unavailable({ what }: { what: string }) {
  return (
    <p className="q-admin-muted">
      {what} are unavailable right now: the service that keeps them did not answer.
    </p>
  );
}

function Widget({
  id,
  title,
  children,
  action,
}: {
  id: string;
  title: string;
  children: ReactNode;
  action?: ReactNode;
}) {
  return (
    <Card as="section" className="q-admin-widget" aria-labelledby={id}>
      <div className="q-admin-widget__head">
        <h2 id={id} className="q-admin-widget__title">
          {title}
        </h2>
        {action}
      </div>
      {children}
    </Card>
  );
}

function PostList({ posts, empty, figures }: { posts: DashboardPost[]; empty: string; figures?: boolean }) {
  if (posts.length === 0) return <p className="q-admin-muted">{empty}</p>;
  return (
    <ol className="q-admin-compact">
      {posts.map((post) => (
        <li key={post.id}>
          {post.status === "PUBLIC" ? (
            <Link to={`/posts/${post.slug}`}>{post.title}</Link>
          ) : post.status === "DRAFT" ? (
            <Link to={`/admin/drafts/${post.id}`}>{post.title}</Link>
          ) : (
            <Link to={`/admin/posts/${post.id}/edit`}>{post.title}</Link>
          )}
          <span className="q-admin-muted">
            {figures
              ? `${formatNumber(post.viewCount)} views · ${formatNumber(post.likeCount)} likes`
              : post.status === "DRAFT"
                ? "Draft"
                : post.status === "PRIVATE"
                  ? "Private"
                  : "Public"}
            {!figures && (post.updatedAt ?? post.publishedAt) ? " · " : null}
            {!figures ? <FormattedDate value={post.updatedAt ?? post.publishedAt} /> : null}
          </span>
        </li>
      ))}
    </ol>
  );
}

function Totals({ data }: { data: AdminDashboard }) {
  const { totals, today } = data;
  return (
    <>
      <Widget id="q-admin-dash-totals" title="Totals">
        {totals ? (
          <dl className="q-admin-stats">
            <Stat label="Public posts" value={formatNumber(totals.posts.public)} />
            <Stat label="Private posts" value={formatNumber(totals.posts.private)} />
            <Stat label="Drafts" value={formatNumber(totals.posts.draft)} />
            <Stat label="Views" value={formatNumber(totals.views)} />
            <Stat label="Likes" value={formatNumber(totals.likes)} />
            <Stat label="Comments" value={formatNumber(totals.comments)} />
            <Stat label="Users" value={formatNumber(totals.users)} />
            <Stat label="Visitors" value={formatNumber(totals.visitors)} />
            <Stat
              label="Open bug reports"
              value={<Link to="/admin/bug-reports?status=OPEN">{formatNumber(totals.openBugReports)}</Link>}
            />
          </dl>
        ) : (
          <Unavailable what="The totals" />
        )}
      </Widget>
      <Widget id="q-admin-dash-today" title="Today">
        {today ? (
          <dl className="q-admin-stats">
            <Stat label="Views today" value={formatNumber(today.views)} />
            <Stat label="Visitors today" value={formatNumber(today.visitors)} />
            <Stat label="Sign-ups today" value={formatNumber(today.signups)} />
          </dl>
        ) : (
          <Unavailable what="Today's figures" />
        )}
      </Widget>
    </>
  );
}

function Trends({ series7, series30 }: { series7: DayStats[] | null; series30: DayStats[] | null }) {
  const [range, setRange] = useState<Range>("7");
  const series = range === "7" ? series7 : series30;
  const labels = series?.map((d) => dayLabel(d.day)) ?? [];
  const span = range === "7" ? "last 7 days" : "last 30 days";
  return (
    <Widget
      id="q-admin-dash-trends"
      title="Views and visitors"
      action={
        <SegmentedControl
          label="Period"
          value={range}
          onChange={setRange}
          options={[
            { value: "7", label: "7 days" },
            { value: "30", label: "30 days" },
          ]}
        />
      }
    >
      {series ? (
        <div className="q-admin-charts">
          <Chart
            title={`Views, ${span}`}
            labels={labels}
            series={[{ label: "Views", values: series.map((d) => d.views) }]}
          />
          <Chart
            title={`Visitors, ${span}`}
            labels={labels}
            series={[
              { label: "Visitors", values: series.map((d) => d.visitors), colorToken: "--q-color-success" },
            ]}
          />
        </div>
      ) : (
        <Unavailable what="The charts" />
      )}
    </Widget>
  );
}

function Pipeline() {
  const health = usePipelineHealth();
  return (
    <Widget
      id="q-admin-dash-pipeline"
      title="Event pipeline"
      action={<Link to="/admin/events">Open the console</Link>}
    >
      {health.isPending ? (
        <StatSkeleton label="Loading the event pipeline" count={2} />
      ) : health.isError ? (
        <Unavailable what="The pipeline figures" />
      ) : (
        <>
          <dl className="q-admin-stats">
            <Stat label="Outbox backlog" value={formatNumber(health.data.totalBacklog)} />
            <Stat
              label="Dead letters"
              value={`${formatNumber(health.data.totalDeadLetters)}${
                health.data.services.some((s) => (s.deadLetters?.length ?? 0) >= HEALTH_DEAD_LETTER_LIMIT)
                  ? "+"
                  : ""
              }`}
            />
          </dl>
          {health.data.services.some((s) => !s.available) ? (
            <p className="q-admin-warning">
              Not answering:{" "}
              {health.data.services
                .filter((s) => !s.available)
                .map((s) => s.service.toLowerCase())
                .join(", ")}
            </p>
          ) : null}
        </>
      )}
    </Widget>
  );
}

/** The admin's landing screen: the site's figures at a glance, each widget independent of the others. */
export function DashboardPage() {
  useDocumentTitle("Dashboard");
  const query = useDashboard();
  const data = query.data;

  return (
    <section
      className="q-admin-screen"
      aria-labelledby="q-admin-dashboard-title"
      aria-busy={query.isFetching}
    >
      <ScreenHeader title="Dashboard" id="q-admin-dashboard-title" />
      {query.isPending ? (
        <StatSkeleton label="Loading the dashboard" count={8} />
      ) : !data ? (
        <LoadError
          title="The dashboard could not be loaded"
          error={query.error}
          onRetry={() => void query.refetch()}
        />
      ) : (
        <div className="q-admin-dashboard">
          <Totals data={data} />
          <Trends series7={data.series7} series30={data.series30} />
          <Widget id="q-admin-dash-popular" title="Popular posts">
            {data.popularPosts ? (
              <PostList posts={data.popularPosts} empty="No public posts yet." figures />
            ) : (
              <Unavailable what="Popular posts" />
            )}
          </Widget>
          <Widget
            id="q-admin-dash-comments"
            title="Recent comments"
            action={<Link to="/admin/comments">All comments</Link>}
          >
            {data.recentComments ? (
              data.recentComments.length === 0 ? (
                <p className="q-admin-muted">No comments yet.</p>
              ) : (
                <ol className="q-admin-compact">
                  {data.recentComments.map((comment) => (
                    <li key={comment.id}>
                      <span className="q-admin-clamp">
                        {comment.deleted ? <em>Deleted comment</em> : (comment.content ?? "")}
                      </span>
                      <span className="q-admin-muted">
                        {comment.author?.name ?? "Unknown"}
                        {comment.post ? (
                          <>
                            {" on "}
                            <Link to={`/posts/${comment.post.slug}`}>{comment.post.title}</Link>
                          </>
                        ) : null}
                        {" · "}
                        <FormattedDate value={comment.createdAt} />{" "}
                        {comment.status !== "APPROVED" ? (
                          <StatusBadge
                            status={comment.status}
                            label={comment.status === "SPAM" ? "Hidden" : "Awaiting review"}
                          />
                        ) : null}
                      </span>
                    </li>
                  ))}
                </ol>
              )
            ) : (
              <Unavailable what="Recent comments" />
            )}
          </Widget>
          <Widget
            id="q-admin-dash-posts"
            title="Recent posts"
            action={<Link to="/admin/posts">All posts</Link>}
          >
            {data.recentPosts ? (
              <PostList posts={data.recentPosts} empty="No posts yet." />
            ) : (
              <Unavailable what="Recent posts" />
            )}
          </Widget>
          <Widget
            id="q-admin-dash-drafts"
            title="Recent drafts"
            action={<Link to="/admin/drafts">All drafts</Link>}
          >
            {data.recentDrafts ? (
              <PostList posts={data.recentDrafts} empty="No drafts." />
            ) : (
              <Unavailable what="Recent drafts" />
            )}
          </Widget>
          <Widget id="q-admin-dash-storage" title="Storage" action={<Link to="/admin/storage">Details</Link>}>
            {data.storage ? (
              <dl className="q-admin-stats">
                <Stat label="Images" value={formatNumber(data.storage.total.count)} />
                <Stat label="Space used" value={formatBytes(data.storage.total.bytes)} />
              </dl>
            ) : (
              <Unavailable what="Storage figures" />
            )}
          </Widget>
          <Pipeline />
        </div>
      )}
    </section>
  );
}
