import { errorMessage, useDocumentTitle, useSearchParams, useSession, useToast } from "@quire/shell-sdk";
import { Button, Card, ConfirmDialog, Field, ListSkeleton, LoadMore } from "@quire/ui";
import { type FormEvent, useState } from "react";
import {
  type AdminUser,
  type Role,
  type SignupPeriod,
  type UserStatus,
  useSetUserRole,
  useSetUserStatus,
  useUserStats,
  useUsers,
} from "../../api/users";
import { Chart } from "../../components/Chart";
import {
  Empty,
  FormattedDate,
  formatNumber,
  LoadError,
  ScreenHeader,
  StatSkeleton,
  StatusBadge,
} from "../../components/ListStates";
import { SegmentedControl } from "../../components/SegmentedControl";

const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const PERIODS: ReadonlyArray<{ value: SignupPeriod; label: string }> = [
  { value: "DAILY", label: "Daily" },
  { value: "WEEKLY", label: "Weekly" },
  { value: "MONTHLY", label: "Monthly" },
];
const PERIOD_SPAN: Record<SignupPeriod, string> = {
  DAILY: "last 30 days",
  WEEKLY: "last 12 weeks",
  MONTHLY: "last 12 months",
};

const dayFormat = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric", timeZone: "UTC" });
const monthFormat = new Intl.DateTimeFormat(undefined, { month: "short", year: "numeric", timeZone: "UTC" });

function bucketLabel(bucket: string, period: SignupPeriod): string {
  const date = new Date(`${bucket}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return bucket;
  return (period === "MONTHLY" ? monthFormat : dayFormat).format(date);
}

function Stats() {
  const [period, setPeriod] = useState<SignupPeriod>("DAILY");
  const stats = useUserStats(period);
  return (
    <Card as="section" className="q-admin-widget" aria-labelledby="q-admin-users-stats">
      <div className="q-admin-widget__head">
        <h2 id="q-admin-users-stats" className="q-admin-widget__title">
          Sign-ups
        </h2>
        <SegmentedControl
          label="Sign-up trend period"
          value={period}
          onChange={setPeriod}
          options={PERIODS}
        />
      </div>
      {stats.isPending ? (
        <StatSkeleton label="Loading sign-up figures" count={3} />
      ) : stats.isError ? (
        <LoadError
          title="The sign-up figures could not be loaded"
          error={stats.error}
          onRetry={() => void stats.refetch()}
        />
      ) : (
        <>
          <dl className="q-admin-stats">
            <div className="q-admin-stat">
              <dt className="q-admin-stat__label">Accounts</dt>
              <dd className="q-admin-stat__value">{formatNumber(stats.data.totals.users)}</dd>
            </div>
            <div className="q-admin-stat">
              <dt className="q-admin-stat__label">Admins</dt>
              <dd className="q-admin-stat__value">{formatNumber(stats.data.totals.admins)}</dd>
            </div>
            <div className="q-admin-stat">
              <dt className="q-admin-stat__label">Suspended</dt>
              <dd className="q-admin-stat__value">{formatNumber(stats.data.totals.suspended)}</dd>
            </div>
          </dl>
          <div className="q-admin-charts">
            <Chart
              title={`Sign-ups, ${PERIOD_SPAN[period]}`}
              labelHeading={period === "DAILY" ? "Day" : period === "WEEKLY" ? "Week of" : "Month"}
              labels={stats.data.trend.map((b) => bucketLabel(b.bucket, period))}
              series={[{ label: "Sign-ups", values: stats.data.trend.map((b) => b.signups) }]}
            />
            <Chart
              title="Sign-ups by weekday"
              kind="bar"
              labelHeading="Weekday"
              labels={stats.data.weekdays.map((w) => WEEKDAYS[w.weekday - 1] ?? String(w.weekday))}
              series={[
                {
                  label: "Sign-ups",
                  values: stats.data.weekdays.map((w) => w.signups),
                  colorToken: "--q-color-success",
                },
              ]}
            />
          </div>
        </>
      )}
    </Card>
  );
}

type PendingChange =
  | { user: AdminUser; kind: "role"; role: Role }
  | { user: AdminUser; kind: "status"; status: UserStatus };

function UserItem({
  user,
  isSelf,
  onChange,
}: {
  user: AdminUser;
  isSelf: boolean;
  onChange: (change: PendingChange) => void;
}) {
  return (
    <li className="q-admin-list__item q-admin-user">
      <div className="q-admin-user__who">
        <span className="q-admin-user__name">{user.name}</span>
        <span className="q-admin-muted q-admin-break">{user.email}</span>
      </div>
      <div className="q-admin-user__meta">
        <StatusBadge status={user.role} label={user.role === "ADMIN" ? "Admin" : "User"} />
        <StatusBadge status={user.status} label={user.status === "ACTIVE" ? "Active" : "Suspended"} />
        <span className="q-admin-muted">
          Joined <FormattedDate value={user.createdAt} />
        </span>
      </div>
      {isSelf ? (
        <p className="q-admin-muted">This is you.</p>
      ) : (
        <div className="q-admin-actions">
          {user.status === "ACTIVE" ? (
            <Button
              size="small"
              variant="secondary"
              onClick={() => onChange({ user, kind: "status", status: "SUSPENDED" })}
            >
              Suspend<span className="q-visually-hidden"> {user.name}</span>
            </Button>
          ) : (
            <Button
              size="small"
              variant="secondary"
              onClick={() => onChange({ user, kind: "status", status: "ACTIVE" })}
            >
              Restore<span className="q-visually-hidden"> {user.name}</span>
            </Button>
          )}
          {user.role === "USER" ? (
            <Button
              size="small"
              variant="ghost"
              onClick={() => onChange({ user, kind: "role", role: "ADMIN" })}
            >
              Make admin<span className="q-visually-hidden">: {user.name}</span>
            </Button>
          ) : (
            <Button
              size="small"
              variant="ghost"
              onClick={() => onChange({ user, kind: "role", role: "USER" })}
            >
              Remove admin role<span className="q-visually-hidden">: {user.name}</span>
            </Button>
          )}
        </div>
      )}
    </li>
  );
}

function describe(change: PendingChange): { title: string; body: string; confirm: string } {
  const name = change.user.name;
  if (change.kind === "status") {
    return change.status === "SUSPENDED"
      ? {
          title: `Suspend ${name}?`,
          body: "They can no longer sign in or act on the site, starting with their next request. You can restore the account later.",
          confirm: "Suspend",
        }
      : { title: `Restore ${name}?`, body: "They can sign in and take part again.", confirm: "Restore" };
  }
  return change.role === "ADMIN"
    ? {
        title: `Make ${name} an admin?`,
        body: "They get the whole admin area. Their sessions are signed out; the role applies when they sign in again.",
        confirm: "Make admin",
      }
    : {
        title: `Remove ${name}'s admin role?`,
        body: "They become a regular user and their sessions are signed out.",
        confirm: "Remove admin role",
      };
}

/** Accounts: search and filters, suspension and roles, and the sign-up figures. */
export function UsersPage() {
  useDocumentTitle("Users");
  const toast = useToast();
  const { user: me } = useSession();
  const [searchParams, setSearchParams] = useSearchParams();
  const q = searchParams.get("q") ?? "";
  const roleParam = searchParams.get("role");
  const statusParam = searchParams.get("status");
  const role: Role | null = roleParam === "USER" || roleParam === "ADMIN" ? roleParam : null;
  const status: UserStatus | null =
    statusParam === "ACTIVE" || statusParam === "SUSPENDED" ? statusParam : null;
  const [search, setSearch] = useState(q);
  const { query, items, totalCount } = useUsers({ q: q || null, role, status });
  const setStatus = useSetUserStatus();
  const setRole = useSetUserRole();
  const [pending, setPending] = useState<PendingChange | null>(null);

  const setParam = (key: string, value: string | null) => {
    const next = new URLSearchParams(searchParams);
    if (value) next.set(key, value);
    else next.delete(key);
    setSearchParams(next, { replace: true });
  };

  const onSearch = (event: FormEvent) => {
    event.preventDefault();
    setParam("q", search.trim() || null);
  };

  const mutation = pending?.kind === "role" ? setRole : setStatus;
  const confirm = () => {
    if (!pending) return;
    const onSuccess = (updated: AdminUser) => {
      toast.show(
        pending.kind === "status"
          ? `${updated.name} is ${updated.status === "ACTIVE" ? "active again" : "suspended"}`
          : `${updated.name} is now ${updated.role === "ADMIN" ? "an admin" : "a user"}`,
        { tone: "success" },
      );
      setPending(null);
    };
    if (pending.kind === "status")
      setStatus.mutate({ id: pending.user.id, status: pending.status }, { onSuccess });
    else setRole.mutate({ id: pending.user.id, role: pending.role }, { onSuccess });
  };
  const text = pending ? describe(pending) : null;

  return (
    <section className="q-admin-screen" aria-labelledby="q-admin-users-title" aria-busy={query.isFetching}>
      <ScreenHeader title="Users" id="q-admin-users-title" />
      <Stats />
      <section className="q-admin-section" aria-labelledby="q-admin-users-list">
        <h2 id="q-admin-users-list" className="q-admin-subtitle">
          Accounts
          {totalCount != null ? <span className="q-admin-muted"> ({formatNumber(totalCount)})</span> : null}
        </h2>
        <div className="q-admin-toolbar">
          <search className="q-admin-search">
            <form className="q-admin-search__form" onSubmit={onSearch}>
              <Field label="Search by name or email">
                {(control) => (
                  <input
                    {...control}
                    className="q-input"
                    type="search"
                    value={search}
                    onChange={(e) => setSearch(e.target.value)}
                  />
                )}
              </Field>
              <Button type="submit" variant="secondary">
                Search
              </Button>
            </form>
          </search>
          <Field label="Role">
            {(control) => (
              <select
                {...control}
                className="q-input"
                value={role ?? ""}
                onChange={(e) => setParam("role", e.target.value || null)}
              >
                <option value="">Any role</option>
                <option value="USER">User</option>
                <option value="ADMIN">Admin</option>
              </select>
            )}
          </Field>
          <Field label="Status">
            {(control) => (
              <select
                {...control}
                className="q-input"
                value={status ?? ""}
                onChange={(e) => setParam("status", e.target.value || null)}
              >
                <option value="">Any status</option>
                <option value="ACTIVE">Active</option>
                <option value="SUSPENDED">Suspended</option>
              </select>
            )}
          </Field>
        </div>
        {query.isPending ? (
          <ListSkeleton label="Loading accounts" />
        ) : query.isError && items.length === 0 ? (
          <LoadError
            title="The accounts could not be loaded"
            error={query.error}
            onRetry={() => void query.refetch()}
          />
        ) : items.length === 0 ? (
          <Empty
            title="No accounts"
            message={q || role || status ? "None match these filters." : "Nobody has signed up yet."}
          />
        ) : (
          <>
            <ul className="q-admin-list">
              {items.map((user) => (
                <UserItem
                  key={user.id}
                  user={user}
                  isSelf={user.id === me?.id}
                  onChange={(change) => {
                    setStatus.reset();
                    setRole.reset();
                    setPending(change);
                  }}
                />
              ))}
            </ul>
            <LoadMore
              noun="accounts"
              hasNextPage={query.hasNextPage}
              isFetchingNextPage={query.isFetchingNextPage}
              nextPageError={query.isFetchNextPageError ? query.error : null}
              onLoadMore={() => void query.fetchNextPage()}
            />
          </>
        )}
      </section>
      <ConfirmDialog
        open={pending != null}
        title={text?.title ?? ""}
        confirmLabel={text?.confirm ?? "Confirm"}
        tone={pending?.kind === "status" && pending.status === "ACTIVE" ? "default" : "danger"}
        busy={mutation.isPending}
        error={errorMessage(mutation.error)}
        onConfirm={confirm}
        onCancel={() => setPending(null)}
      >
        <p>{text?.body}</p>
      </ConfirmDialog>
    </section>
  );
}
