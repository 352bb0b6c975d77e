import { describe, expect, it } from "vitest";
import { embedUrl, parseYoutubeUrl } from "./youtube";

describe("parseYoutubeUrl", () => {
  it("reads watch, short, embed and shorts addresses", () => {
    expect(parseYoutubeUrl("https://www.youtube.com/watch?v=dQw4w9WgXcQ")).toEqual({
      videoId: "dQw4w9WgXcQ",
      start: 0,
    });
    expect(parseYoutubeUrl("https://youtu.be/dQw4w9WgXcQ?t=42")).toEqual({
      videoId: "dQw4w9WgXcQ",
      start: 42,
    });
    expect(parseYoutubeUrl("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?start=7")).toEqual({
      videoId: "dQw4w9WgXcQ",
      start: 7,
    });
    expect(parseYoutubeUrl("https://m.youtube.com/shorts/dQw4w9WgXcQ")?.videoId).toBe("dQw4w9WgXcQ");
  });

  it("refuses other sites and malformed ids", () => {
    expect(parseYoutubeUrl("https://vimeo.com/123")).toBeNull();
    expect(parseYoutubeUrl("https://www.youtube.com/watch?v=<script>")).toBeNull();
    expect(parseYoutubeUrl("not a url")).toBeNull();
  });
});

describe("embedUrl", () => {
  it("embeds from youtube-nocookie.com, the host the sanitiser allows", () => {
    expect(embedUrl("dQw4w9WgXcQ", 0)).toBe("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ");
    expect(embedUrl("dQw4w9WgXcQ", 30)).toBe("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?start=30");
  });
});
