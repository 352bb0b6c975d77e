import { Extension } from "@tiptap/core";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import { isWebUrl } from "./bookmark";
import { parseYoutubeUrl } from "./youtube";

/**
 * A bare address pasted on an empty line becomes an embed: a YouTube video, or a bookmark card for any other
 * page. Pasted inside text, it stays a link (the link extension's job).
 */
export const PasteEmbeds = Extension.create({
  name: "pasteEmbeds",
  // Before the link extension's paste handling.
  priority: 1100,

  addProseMirrorPlugins() {
    const editor = this.editor;
    return [
      new Plugin({
        key: new PluginKey("pasteEmbeds"),
        props: {
          handlePaste: (view, event) => {
            const text = event.clipboardData?.getData("text/plain")?.trim() ?? "";
            if (!isWebUrl(text)) return false;
            const { $from, empty } = view.state.selection;
            if (!empty || $from.parent.type.name !== "paragraph" || $from.parent.content.size > 0)
              return false;
            if (parseYoutubeUrl(text)) return editor.commands.insertYoutube(text);
            return editor.commands.insertBookmark(text);
          },
        },
      }),
    ];
  },
});
