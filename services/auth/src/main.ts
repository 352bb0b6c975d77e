import { runService } from "@quire/service-kit";
import { authService } from "./service";

await runService(authService());
