import { closeOnShutdown, connectBus, loadConfig } from "@quire/service-kit";
import { startBff } from "./server";

const bus = await connectBus(loadConfig("bff"));
const bff = await startBff({ bus });
closeOnShutdown(bff.url, async () => {
  await bff.close();
  await bus.close();
});
