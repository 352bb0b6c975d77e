import "./admin.css";
import type { RemoteAppProps } from "@quire/shell-sdk";
import { Route, Routes } from "@quire/shell-sdk";
import { AdminLayout } from "./components/AdminLayout";
import { RequireAdmin } from "./components/RequireAdmin";
import { editorRoutes } from "./editor/routes";
import { opsRoutes } from "./ops/routes";

/**
 * The admin remote's exposed `./App`, mounted by the shell under `/admin`. Every screen needs an admin; the
 * server checks the role again on every call.
 */
export default function AdminApp({ basePath }: RemoteAppProps) {
  return (
    <div className="q-admin">
      <Routes>
        <Route path={basePath} element={<RequireAdmin />}>
          <Route element={<AdminLayout basePath={basePath} />}>
            {editorRoutes}
            {opsRoutes}
          </Route>
        </Route>
      </Routes>
    </div>
  );
}
