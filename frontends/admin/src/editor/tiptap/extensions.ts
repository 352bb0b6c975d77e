import type { AnyExtension } from "@tiptap/core";
import Highlight from "@tiptap/extension-highlight";
import { TableKit } from "@tiptap/extension-table";
import TextAlign from "@tiptap/extension-text-align";
import { Color, TextStyle } from "@tiptap/extension-text-style";
import Typography from "@tiptap/extension-typography";
import { Placeholder } from "@tiptap/extensions";
import StarterKit from "@tiptap/starter-kit";
import { Bookmark, type BookmarkOptions } from "./bookmark";
import { Callout } from "./callout";
import { CodeBlock } from "./code-block";
import { ImageUpload, type ImageUploadOptions, UploadableImage } from "./image-upload";
import { PasteEmbeds } from "./paste-embeds";
import { PullQuote } from "./pull-quote";
import { SlashCommands, type SlashCommandsOptions } from "./slash-menu";
import { Youtube } from "./youtube";

export interface EditorExtensionOptions {
  upload: ImageUploadOptions;
  fetchPreview: BookmarkOptions["fetchPreview"];
  slash: SlashCommandsOptions;
}

/**
 * Everything the post editor can write. Each node renders markup the blog's sanitiser keeps
 * (sanitizeRichHtml in the service kit) and its post-blocks stylesheet draws.
 */
export function editorExtensions(options: EditorExtensionOptions): AnyExtension[] {
  return [
    StarterKit.configure({
      // h1 is the post's title; the table of contents reads h2 and h3.
      heading: { levels: [2, 3, 4] },
      codeBlock: false,
      link: {
        openOnClick: false,
        autolink: true,
        defaultProtocol: "https",
        protocols: ["http", "https", "mailto"],
        HTMLAttributes: { target: null, rel: "noopener noreferrer nofollow" },
      },
    }),
    CodeBlock,
    TextStyle,
    Color,
    Highlight,
    TextAlign.configure({ types: ["heading", "paragraph"] }),
    Typography,
    TableKit.configure({ table: { resizable: false } }),
    UploadableImage.configure({ inline: false, allowBase64: false }),
    ImageUpload.configure(options.upload),
    Bookmark.configure({ fetchPreview: options.fetchPreview }),
    Youtube,
    Callout,
    PullQuote,
    PasteEmbeds,
    SlashCommands.configure(options.slash),
    Placeholder.configure({ placeholder: "Write, or type / for blocks…" }),
  ];
}
