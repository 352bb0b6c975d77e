import { Route } from "@quire/shell-sdk";
import { lazy } from "react";

// Each screen is its own chunk, so the charts library only loads with the screens that draw charts.
const DashboardPage = lazy(() =>
  import("./dashboard/DashboardPage").then((m) => ({ default: m.DashboardPage })),
);
const CommentsPage = lazy(() => import("./comments/CommentsPage").then((m) => ({ default: m.CommentsPage })));
const UsersPage = lazy(() => import("./users/UsersPage").then((m) => ({ default: m.UsersPage })));
const TaxonomyPage = lazy(() => import("./taxonomy/TaxonomyPage").then((m) => ({ default: m.TaxonomyPage })));
const NoticesPage = lazy(() => import("./notices/NoticesPage").then((m) => ({ default: m.NoticesPage })));
const StaticPagesPage = lazy(() =>
  import("./pages/StaticPagesPage").then((m) => ({ default: m.StaticPagesPage })),
);
const StoragePage = lazy(() => import("./storage/StoragePage").then((m) => ({ default: m.StoragePage })));
const BackupsPage = lazy(() => import("./backups/BackupsPage").then((m) => ({ default: m.BackupsPage })));
const EventsPage = lazy(() => import("./events/EventsPage").then((m) => ({ default: m.EventsPage })));
const BugReportsPage = lazy(() =>
  import("./bug-reports/BugReportsPage").then((m) => ({ default: m.BugReportsPage })),
);
const BugReportPage = lazy(() =>
  import("./bug-reports/BugReportPage").then((m) => ({ default: m.BugReportPage })),
);

/** The screens that run the site, under `/admin`. */
export const opsRoutes = (
  <>
    <Route path="dashboard" element={<DashboardPage />} />
    <Route path="comments" element={<CommentsPage />} />
    <Route path="users" element={<UsersPage />} />
    <Route path="taxonomy" element={<TaxonomyPage />} />
    <Route path="notices" element={<NoticesPage />} />
    <Route path="pages" element={<StaticPagesPage />} />
    <Route path="storage" element={<StoragePage />} />
    <Route path="backups" element={<BackupsPage />} />
    <Route path="events" element={<EventsPage />} />
    <Route path="bug-reports" element={<BugReportsPage />} />
    <Route path="bug-reports/:id" element={<BugReportPage />} />
  </>
);
