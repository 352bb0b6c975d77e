import { linkPreview, linkPreviewRequest } from "@quire/contracts";
import { type App, rateLimit, requireUser, type ServiceContext } from "@quire/service-kit";
import { fetchLinkPreview, type LinkPreviewOptions } from "../link-preview/fetch-preview";

export function registerLinkPreviewRoutes(app: App, ctx: ServiceContext, options: LinkPreviewOptions): void {
  app.post(
    "/v1/link-preview",
    {
      schema: { body: linkPreviewRequest, response: { 200: linkPreview } },
      // Each call makes this service fetch a page: keep one client from turning it into a crawler.
      config: { rateLimit: rateLimit(ctx.config, 60, "1 minute") },
    },
    async (req) => {
      requireUser(req);
      return fetchLinkPreview(req.body.url, options);
    },
  );
}
