import type { FastifyInstance } from "fastify";
// From graphql-yoga, not graphql: the same class yoga checks, whichever module format loaded graphql.
import { createGraphQLError, type Plugin } from "graphql-yoga";

/** The storage service's limit on an image (FEATURES: max 10 MB); larger files are refused here first. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** Room for the multipart framing and the operations and map fields around the one file. */
const FORM_OVERHEAD_BYTES = 64 * 1024;

/**
 * The headers that mark a multipart GraphQL request as sent by the site's own code. A browser sends a
 * multipart/form-data POST cross-site without a CORS preflight (a "simple" request, so CORS alone would let
 * the mutation run, only hiding the answer); a custom header cannot be added without a preflight, which our
 * CORS policy answers for the site's origins only. JSON requests need no such header: their content type
 * already forces a preflight.
 */
export const CSRF_HEADERS = ["apollo-require-preflight", "x-graphql-csrf"];

const isMultipart = (contentType: string | null | undefined) =>
  (contentType ?? "").toLowerCase().startsWith("multipart/form-data");

const refused = (message: string, status: number) =>
  createGraphQLError(message, { extensions: { code: "BAD_USER_INPUT", http: { status } } });

const tooLarge = () => refused(`Images can be at most ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`, 413);

/** Lets multipart bodies through fastify untouched: yoga reads the stream itself (GraphQL multipart spec). */
export function acceptMultipart(app: FastifyInstance): void {
  app.addContentTypeParser("multipart/form-data", (_req, _payload, done) => done(null));
}

/**
 * Guards multipart GraphQL requests: the CSRF header, then the size, checked on the declared length before
 * anything is read and again while the file streams in (busboy stops at the limit instead of buffering it all).
 */
export function uploadGuard(): Plugin {
  return {
    onRequestParse({ request, requestParser, setRequestParser }) {
      if (!isMultipart(request.headers.get("content-type")) || !requestParser) return;
      if (!CSRF_HEADERS.some((name) => request.headers.get(name))) {
        throw refused(`Multipart requests need the ${CSRF_HEADERS.join(" or ")} header`, 400);
      }
      const declared = Number(request.headers.get("content-length"));
      if (declared > MAX_UPLOAD_BYTES + FORM_OVERHEAD_BYTES) throw tooLarge();
      const limits = {
        fileSize: MAX_UPLOAD_BYTES,
        files: 1,
        fields: 2,
        parts: 3,
        fieldSize: FORM_OVERHEAD_BYTES,
      };
      // The fetch ponyfill under yoga takes per-call limits; the parser itself stays yoga's.
      const limited = new Proxy(request, {
        get(target, prop) {
          if (prop === "formData") {
            return () => (target.formData as (o: unknown) => Promise<FormData>)({ formDataLimits: limits });
          }
          const value = Reflect.get(target, prop, target);
          return typeof value === "function" ? value.bind(target) : value;
        },
      });
      setRequestParser(async () => {
        try {
          return await requestParser(limited);
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          if (/file size limit/i.test(message)) throw tooLarge();
          throw refused(message.replace(/^POST body sent invalid multipart data: /, ""), 400);
        }
      });
    },
  };
}
