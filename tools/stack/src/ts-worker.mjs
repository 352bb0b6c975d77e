// Worker threads do not inherit the parent's module hooks on Node 20: register tsx here, then load the
// TypeScript entry named in workerData.
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
await import(workerData.entry);
