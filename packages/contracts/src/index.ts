export * from "./api/auth";
export * from "./api/blog";
export * from "./events/catalog";
export * from "./events/envelope";
