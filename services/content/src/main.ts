import { runService } from "@quire/service-kit";
import { contentService } from "./service";

await runService(contentService());
