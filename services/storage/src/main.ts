import { runService } from "@quire/service-kit";
import { storageService } from "./service";

await runService(storageService());
