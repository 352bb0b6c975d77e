import { type Editor, Extension, type Range } from "@tiptap/core";
import Suggestion, { exitSuggestion, type SuggestionProps } from "@tiptap/suggestion";
import { useSyncExternalStore } from "react";

/** What the editor must ask the user for before inserting (a file, an address). */
export type BlockRequest = "image" | "bookmark" | "youtube" | "link";

export interface SlashItem {
  id: string;
  title: string;
  hint: string;
  keywords: string[];
  run: (editor: Editor, range: Range, request: (kind: BlockRequest) => void) => void;
}

const chain = (editor: Editor, range: Range) => editor.chain().focus().deleteRange(range);

export const SLASH_ITEMS: SlashItem[] = [
  {
    id: "paragraph",
    title: "Text",
    hint: "Plain paragraph",
    keywords: ["paragraph", "p"],
    run: (e, r) => chain(e, r).setParagraph().run(),
  },
  {
    id: "h2",
    title: "Heading 2",
    hint: "Section title",
    keywords: ["h2", "heading", "title"],
    run: (e, r) => chain(e, r).setHeading({ level: 2 }).run(),
  },
  {
    id: "h3",
    title: "Heading 3",
    hint: "Subsection title",
    keywords: ["h3", "heading", "subtitle"],
    run: (e, r) => chain(e, r).setHeading({ level: 3 }).run(),
  },
  {
    id: "bullets",
    title: "Bulleted list",
    hint: "A list with bullets",
    keywords: ["ul", "list", "bullet"],
    run: (e, r) => chain(e, r).toggleBulletList().run(),
  },
  {
    id: "numbers",
    title: "Numbered list",
    hint: "A list with numbers",
    keywords: ["ol", "list", "ordered", "number"],
    run: (e, r) => chain(e, r).toggleOrderedList().run(),
  },
  {
    id: "quote",
    title: "Quote",
    hint: "A quotation",
    keywords: ["blockquote", "quote"],
    run: (e, r) => chain(e, r).toggleBlockquote().run(),
  },
  {
    id: "pullquote",
    title: "Pull quote",
    hint: "A large quote set apart",
    keywords: ["pull", "quote"],
    run: (e, r) => chain(e, r).togglePullQuote().run(),
  },
  {
    id: "callout",
    title: "Callout",
    hint: "Info, tip, warning...",
    keywords: ["callout", "note", "tip", "warning", "info", "alert"],
    run: (e, r) => chain(e, r).toggleCallout("info").run(),
  },
  {
    id: "code",
    title: "Code block",
    hint: "Code with highlighting",
    keywords: ["code", "pre", "snippet"],
    run: (e, r) => chain(e, r).setCodeBlock().run(),
  },
  {
    id: "table",
    title: "Table",
    hint: "3 × 3 with a header row",
    keywords: ["table", "grid"],
    run: (e, r) => chain(e, r).insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run(),
  },
  {
    id: "image",
    title: "Image",
    hint: "Upload a picture",
    keywords: ["image", "picture", "photo", "img"],
    run: (e, r, request) => {
      chain(e, r).run();
      request("image");
    },
  },
  {
    id: "bookmark",
    title: "Bookmark",
    hint: "A card for a link",
    keywords: ["bookmark", "link", "card", "embed"],
    run: (e, r, request) => {
      chain(e, r).run();
      request("bookmark");
    },
  },
  {
    id: "youtube",
    title: "YouTube",
    hint: "Embed a video",
    keywords: ["youtube", "video", "embed"],
    run: (e, r, request) => {
      chain(e, r).run();
      request("youtube");
    },
  },
  {
    id: "divider",
    title: "Divider",
    hint: "A horizontal rule",
    keywords: ["hr", "divider", "rule", "line"],
    run: (e, r) => chain(e, r).setHorizontalRule().run(),
  },
];

export function filterSlashItems(query: string): SlashItem[] {
  const q = query.trim().toLowerCase();
  if (!q) return SLASH_ITEMS;
  return SLASH_ITEMS.filter(
    (item) => item.title.toLowerCase().includes(q) || item.keywords.some((keyword) => keyword.startsWith(q)),
  );
}

interface SlashState {
  open: boolean;
  items: SlashItem[];
  index: number;
  /** The caret's box, to place the menu under it (or above it near the bottom of the window). */
  left: number;
  top: number;
  bottom: number;
}

const CLOSED: SlashState = { open: false, items: [], index: 0, left: 0, top: 0, bottom: 0 };
export const SLASH_MENU_ID = "q-ed-slash-menu";
const optionId = (id: string) => `${SLASH_MENU_ID}-${id}`;

/** The menu's state, driven by the suggestion plugin and drawn by <SlashMenu>. */
export class SlashMenuStore {
  private state: SlashState = CLOSED;
  private props: SuggestionProps<SlashItem, SlashItem> | null = null;
  private readonly listeners = new Set<() => void>();

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  snapshot = () => this.state;

  private set(next: SlashState) {
    this.state = next;
    const dom = this.props?.editor.view.dom;
    const active = next.open ? next.items[next.index] : undefined;
    // The caret stays in the text; assistive tech follows the highlighted option through these.
    if (dom) {
      if (active) {
        dom.setAttribute("aria-controls", SLASH_MENU_ID);
        dom.setAttribute("aria-activedescendant", optionId(active.id));
      } else {
        dom.removeAttribute("aria-activedescendant");
        dom.removeAttribute("aria-controls");
      }
    }
    for (const listener of this.listeners) listener();
  }

  show(props: SuggestionProps<SlashItem, SlashItem>) {
    this.props = props;
    const rect = props.clientRect?.();
    const keepIndex = this.state.open ? Math.min(this.state.index, Math.max(props.items.length - 1, 0)) : 0;
    this.set({
      open: true,
      items: props.items,
      index: keepIndex,
      left: rect ? rect.left : 0,
      top: rect ? rect.top : 0,
      bottom: rect ? rect.bottom : 0,
    });
  }

  close() {
    this.set(CLOSED);
    this.props = null;
  }

  choose(item: SlashItem | undefined) {
    if (item && this.props) this.props.command(item);
  }

  key(event: KeyboardEvent): boolean {
    const { open, items, index } = this.state;
    if (!open) return false;
    if (event.key === "Escape") {
      if (this.props) exitSuggestion(this.props.editor.view);
      this.close();
      return true;
    }
    if (items.length === 0) return false;
    if (event.key === "ArrowDown") {
      this.set({ ...this.state, index: (index + 1) % items.length });
      return true;
    }
    if (event.key === "ArrowUp") {
      this.set({ ...this.state, index: (index - 1 + items.length) % items.length });
      return true;
    }
    if (event.key === "Enter" || event.key === "Tab") {
      this.choose(items[index]);
      return true;
    }
    return false;
  }
}

export interface SlashCommandsOptions {
  store: SlashMenuStore | null;
  request: (kind: BlockRequest) => void;
}

/** "/" at the start of a word opens the block menu; typing filters it. */
export const SlashCommands = Extension.create<SlashCommandsOptions>({
  name: "slashCommands",

  addOptions() {
    return { store: null, request: () => {} };
  },

  addProseMirrorPlugins() {
    const { store } = this.options;
    if (!store) return [];
    return [
      Suggestion<SlashItem, SlashItem>({
        editor: this.editor,
        char: "/",
        items: ({ query }) => filterSlashItems(query),
        command: ({ editor, range, props }) => props.run(editor, range, (kind) => this.options.request(kind)),
        // Not inside code, where "/" is just a character.
        allow: ({ state }) => !state.selection.$from.parent.type.spec.code,
        render: () => ({
          onStart: (props) => store.show(props),
          onUpdate: (props) => store.show(props),
          onKeyDown: ({ event }) => store.key(event),
          onExit: () => store.close(),
        }),
      }),
    ];
  },
});

export function SlashMenu({ store }: { store: SlashMenuStore }) {
  const state = useSyncExternalStore(store.subscribe, store.snapshot);
  if (!state.open) return null;
  const width = Math.min(280, window.innerWidth - 16);
  const maxHeight = 320;
  const left = Math.max(8, Math.min(state.left, window.innerWidth - width - 8));
  const below = state.bottom + maxHeight + 12 <= window.innerHeight || state.top < maxHeight + 12;
  const place = below ? { top: state.bottom + 6 } : { bottom: window.innerHeight - state.top + 6 };
  return (
    <div
      id={SLASH_MENU_ID}
      className="q-ed-slash"
      role="listbox"
      aria-label="Insert a block"
      style={{ left, width, maxHeight, ...place }}
    >
      {state.items.length === 0 ? (
        <p className="q-ed-slash__empty">No matching block</p>
      ) : (
        state.items.map((item, i) => (
          <div
            key={item.id}
            id={optionId(item.id)}
            role="option"
            tabIndex={-1}
            aria-selected={i === state.index}
            className="q-ed-slash__item"
            // mousedown, not click: the editor must keep its selection.
            onMouseDown={(event) => {
              event.preventDefault();
              store.choose(item);
            }}
            onKeyDown={() => {}}
          >
            <span className="q-ed-slash__title">{item.title}</span>
            <span className="q-ed-slash__hint">{item.hint}</span>
          </div>
        ))
      )}
    </div>
  );
}
