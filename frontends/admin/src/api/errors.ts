import { GraphQLRequestError } from "@quire/shell-sdk";

/**
 * Per-field messages from a rejected request. Services report validation issues with a JSON-pointer path
 * (`/name`) in `extensions.issues`; the BFF passes them through. Keys are dotted paths ("name", "sections.0").
 */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof GraphQLRequestError)) return {};
  const result: Record<string, string> = {};
  for (const entry of error.errors) {
    const issues = entry.extensions?.issues;
    if (!Array.isArray(issues)) continue;
    for (const issue of issues as Array<{ path?: unknown; message?: unknown }>) {
      const path = Array.isArray(issue.path) ? issue.path.join("/") : String(issue.path ?? "");
      const field = path.replace(/^\/+/, "").split("/").filter(Boolean).join(".");
      if (field && typeof issue.message === "string" && !result[field]) result[field] = issue.message;
    }
  }
  return result;
}

/** The message to show for a failed request, or null when there is none. */
export function errorMessage(error: unknown): string | null {
  if (!error) return null;
  if (error instanceof Error) return error.message;
  return "Something went wrong";
}
