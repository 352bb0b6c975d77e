import { runService } from "@quire/service-kit";
import { pageService } from "./service";

await runService(pageService());
