import { closeOnShutdown } from "@quire/service-kit";
import { startBff } from "./server";

const bff = await startBff();
closeOnShutdown(bff.url, () => bff.close());
