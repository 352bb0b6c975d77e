import { runService } from "@quire/service-kit";
import { analyticsService } from "./service";

await runService(analyticsService());
