// The router every app uses, handed out by the shell with the rest of this SDK. Module Federation shares a
// package whole, so sharing react-router-dom itself put all of it (server rendering, RSC, data streaming)
// on every first visit: 66 KiB gzip. Re-exported from here, only what the apps use is bundled (about half).
// Apps import router APIs from "@quire/shell-sdk" only (a lint rule refuses "react-router-dom" elsewhere):
// a remote importing the package directly would bundle its own router and lose the shell's context.
export {
  createBrowserRouter,
  Link,
  matchPath,
  Navigate,
  NavLink,
  Outlet,
  Route,
  RouterProvider,
  Routes,
  UNSAFE_DataRouterContext,
  useBlocker,
  useLocation,
  useNavigate,
  useParams,
  useSearchParams,
} from "react-router-dom";
