import { Navigate, Outlet, useLocation, useSession } from "@quire/shell-sdk";

/** Anonymous visitors go to sign-in and come back; a signed-in reader who is not an admin is told so. */
export function RequireAdmin() {
  const { user } = useSession();
  const location = useLocation();
  if (!user) {
    const returnTo = `${location.pathname}${location.search}`;
    return <Navigate to={`/login?returnTo=${encodeURIComponent(returnTo)}`} replace />;
  }
  if (user.role !== "ADMIN") {
    return (
      <section className="q-admin-denied" aria-labelledby="admin-denied-title">
        <h1 id="admin-denied-title">Admins only</h1>
        <p>This area is for the site's administrators.</p>
      </section>
    );
  }
  return <Outlet />;
}
