import { GIF_JS_POLYGLOT, multipart, png, pngBomb, pngHtmlPolyglot, SVG_WITH_SCRIPT } from "../images";
import { check, type SecurityContext } from "./context";

/** Uploads that are not plain images are refused; what is accepted is re-encoded WebP served inertly. */
export async function uploadChecks(ctx: SecurityContext): Promise<void> {
  const { urls, admin } = ctx;
  const upload = async (data: Buffer, filename: string, type: string, purpose = "post") => {
    const form = multipart([{ name: "file", filename, type, data }]);
    const res = await fetch(`${urls.storage}/v1/images?purpose=${purpose}`, {
      method: "POST",
      headers: { authorization: `Bearer ${admin.token}`, "content-type": form.contentType },
      body: new Uint8Array(form.body),
    });
    let body: { url?: string; error?: { code?: string } } = {};
    try {
      body = JSON.parse(await res.text());
    } catch {}
    return { status: res.status, body };
  };

  const refused: Array<[string, Buffer, string, string]> = [
    ["wrong magic bytes", Buffer.concat([Buffer.from("NOTAPNG!"), png().subarray(8)]), "x.png", "image/png"],
    ["a text file named .png", Buffer.from("just text, not an image"), "x.png", "image/png"],
    ["SVG with script", SVG_WITH_SCRIPT, "x.svg", "image/svg+xml"],
    ["SVG named .png", SVG_WITH_SCRIPT, "x.png", "image/png"],
    ["HTML named .jpg", Buffer.from("<html><script>alert(1)</script></html>"), "x.jpg", "image/jpeg"],
    ["GIF/JavaScript polyglot", GIF_JS_POLYGLOT, "x.gif", "image/gif"],
    ["PNG decompression bomb", pngBomb(), "bomb.png", "image/png"],
    ["over-size file", Buffer.concat([png(), Buffer.alloc(11 * 1024 * 1024, 1)]), "big.png", "image/png"],
    ["PDF", Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"), "x.png", "image/png"],
  ];
  for (const [name, data, filename, type] of refused) {
    const answer = await upload(data, filename, type).catch(() => ({ status: 0, body: {} }));
    check(
      `upload ${name}: refused with a 4xx`,
      answer.status >= 400 && answer.status < 500,
      `got ${answer.status}`,
    );
  }

  // A PNG with an HTML tail decodes as a PNG: it may be accepted, but only its pixels survive.
  const polyglot = await upload(pngHtmlPolyglot(), "x.png", "image/png");
  if (polyglot.status === 201 && polyglot.body.url) {
    const path = polyglot.body.url.replace(/^https?:\/\/[^/]+/, "");
    const served = await fetch(`${urls.storage}${path}`);
    const bytes = Buffer.from(await served.arrayBuffer());
    check(
      "upload PNG/HTML polyglot: stored as WebP without the HTML",
      served.status === 200 &&
        bytes.subarray(8, 12).toString() === "WEBP" &&
        !bytes.includes("<script") &&
        served.headers.get("content-type") === "image/webp" &&
        served.headers.get("x-content-type-options") === "nosniff",
      `status ${served.status} type ${served.headers.get("content-type")}`,
    );
  } else {
    check(
      "upload PNG/HTML polyglot: refused or re-encoded",
      polyglot.status >= 400 && polyglot.status < 500,
      `got ${polyglot.status}`,
    );
  }
  const plain = await upload(png(20, 20), "ok.png", "image/png");
  check(
    "upload a real PNG: accepted (the checks above can tell refused from broken)",
    plain.status === 201,
    `got ${plain.status}`,
  );
}
