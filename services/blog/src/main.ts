import { runService } from "@quire/service-kit";
import { blogService } from "./service";

await runService(blogService());
