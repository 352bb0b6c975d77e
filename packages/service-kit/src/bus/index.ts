export * from "./fault-injecting-bus";
export * from "./memory-broker";
export * from "./memory-bus";
export * from "./rabbit-bus";
export * from "./types";
