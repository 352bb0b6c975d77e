import { useToast } from "@quire/shell-sdk";
import { CODE_HIGHLIGHT_CLASS } from "@quire/ui";
import type { Editor } from "@tiptap/core";
import { EditorContent, useEditor, useEditorState } from "@tiptap/react";
import { type ReactNode, useEffect, useId, useRef, useState } from "react";
import {
  checkImageFile,
  fetchLinkPreview,
  formatBytes,
  type UploadedImage,
  uploadImage,
} from "../../api/uploads";
import { UrlDialog } from "../components/UrlDialog";
import { isWebUrl } from "./bookmark";
import { editorExtensions } from "./extensions";
import { type ImageUploadOptions, uploadImages } from "./image-upload";
import { loadGrammars } from "./languages";
import { type BlockRequest, SlashMenu, SlashMenuStore } from "./slash-menu";
import { parseYoutubeUrl } from "./youtube";

export interface RichEditorProps {
  initialHtml: string;
  onChange: (html: string) => void;
  /** Called after each image is stored, with its sizes before and after re-encoding. */
  onImageUploaded?: (message: string) => void;
}

type IconName = "link" | "image" | "bookmark" | "callout";

const ICON_PATHS: Record<IconName, ReactNode> = {
  link: (
    <path d="M10 13a5 5 0 0 0 7.07 0l3-3a5 5 0 0 0-7.07-7.07l-1.5 1.5M14 11a5 5 0 0 0-7.07 0l-3 3a5 5 0 0 0 7.07 7.07l1.5-1.5" />
  ),
  image: (
    <>
      <rect x="3" y="4" width="18" height="16" rx="2" />
      <circle cx="9" cy="10" r="2" />
      <path d="m21 16-5-5-9 9" />
    </>
  ),
  bookmark: <path d="M6 3h12v18l-6-4-6 4z" />,
  callout: (
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="M12 11v6M12 7.5v.5" />
    </>
  ),
};

/** Line icons drawn in the text colour; the button around them carries the name. */
function Icon({ name }: { name: IconName }) {
  return (
    <svg
      width="18"
      height="18"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
    >
      {ICON_PATHS[name]}
    </svg>
  );
}

interface ToolButtonProps {
  label: string;
  onClick: () => void;
  active?: boolean;
  disabled?: boolean;
  children: ReactNode;
}

function ToolButton({ label, onClick, active, disabled, children }: ToolButtonProps) {
  return (
    <button
      type="button"
      className="q-ed-tool"
      aria-label={label}
      title={label}
      aria-pressed={active === undefined ? undefined : active}
      disabled={disabled}
      // Keeps the editor's selection: focus stays in the text while formatting it.
      onMouseDown={(event) => event.preventDefault()}
      onClick={onClick}
    >
      {children}
    </button>
  );
}

function Toolbar({ editor, onRequest }: { editor: Editor; onRequest: (kind: BlockRequest) => void }) {
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive("bold"),
      italic: e.isActive("italic"),
      underline: e.isActive("underline"),
      strike: e.isActive("strike"),
      code: e.isActive("code"),
      highlight: e.isActive("highlight"),
      link: e.isActive("link"),
      h2: e.isActive("heading", { level: 2 }),
      h3: e.isActive("heading", { level: 3 }),
      h4: e.isActive("heading", { level: 4 }),
      bullet: e.isActive("bulletList"),
      ordered: e.isActive("orderedList"),
      quote: e.isActive("blockquote"),
      pullQuote: e.isActive("pullQuote"),
      callout: e.isActive("callout"),
      codeBlock: e.isActive("codeBlock"),
      left: e.isActive({ textAlign: "left" }),
      center: e.isActive({ textAlign: "center" }),
      right: e.isActive({ textAlign: "right" }),
      table: e.isActive("table"),
      color: (e.getAttributes("textStyle").color as string | undefined) ?? "#000000",
      canUndo: e.can().undo(),
      canRedo: e.can().redo(),
    }),
  });
  const run = () => editor.chain().focus();
  const colorId = useId();

  return (
    <div className="q-ed-toolbar" role="toolbar" aria-label="Formatting">
      <div className="q-ed-toolbar__group">
        <ToolButton label="Undo" onClick={() => run().undo().run()} disabled={!state.canUndo}>
          ↶
        </ToolButton>
        <ToolButton label="Redo" onClick={() => run().redo().run()} disabled={!state.canRedo}>
          ↷
        </ToolButton>
      </div>
      <div className="q-ed-toolbar__group">
        <ToolButton label="Bold" active={state.bold} onClick={() => run().toggleBold().run()}>
          <b>B</b>
        </ToolButton>
        <ToolButton label="Italic" active={state.italic} onClick={() => run().toggleItalic().run()}>
          <i>I</i>
        </ToolButton>
        <ToolButton label="Underline" active={state.underline} onClick={() => run().toggleUnderline().run()}>
          <u>U</u>
        </ToolButton>
        <ToolButton label="Strikethrough" active={state.strike} onClick={() => run().toggleStrike().run()}>
          <s>S</s>
        </ToolButton>
        <ToolButton label="Inline code" active={state.code} onClick={() => run().toggleCode().run()}>
          {"</>"}
        </ToolButton>
        <ToolButton label="Highlight" active={state.highlight} onClick={() => run().toggleHighlight().run()}>
          <mark>H</mark>
        </ToolButton>
        <label className="q-ed-tool q-ed-tool--color" htmlFor={colorId} title="Text colour">
          <span className="q-visually-hidden">Text colour</span>
          <span aria-hidden="true">A</span>
          <input
            id={colorId}
            type="color"
            value={state.color}
            onChange={(event) => run().setColor(event.target.value).run()}
          />
        </label>
        <ToolButton label="Link" active={state.link} onClick={() => onRequest("link")}>
          <Icon name="link" />
        </ToolButton>
      </div>
      <div className="q-ed-toolbar__group">
        <ToolButton
          label="Heading 2"
          active={state.h2}
          onClick={() => run().toggleHeading({ level: 2 }).run()}
        >
          H2
        </ToolButton>
        <ToolButton
          label="Heading 3"
          active={state.h3}
          onClick={() => run().toggleHeading({ level: 3 }).run()}
        >
          H3
        </ToolButton>
        <ToolButton
          label="Heading 4"
          active={state.h4}
          onClick={() => run().toggleHeading({ level: 4 }).run()}
        >
          H4
        </ToolButton>
        <ToolButton
          label="Bulleted list"
          active={state.bullet}
          onClick={() => run().toggleBulletList().run()}
        >
          •≡
        </ToolButton>
        <ToolButton
          label="Numbered list"
          active={state.ordered}
          onClick={() => run().toggleOrderedList().run()}
        >
          1≡
        </ToolButton>
        <ToolButton label="Quote" active={state.quote} onClick={() => run().toggleBlockquote().run()}>
          ❝
        </ToolButton>
        <ToolButton label="Pull quote" active={state.pullQuote} onClick={() => run().togglePullQuote().run()}>
          ❞❞
        </ToolButton>
        <ToolButton label="Callout" active={state.callout} onClick={() => run().toggleCallout("info").run()}>
          <Icon name="callout" />
        </ToolButton>
        <ToolButton label="Code block" active={state.codeBlock} onClick={() => run().toggleCodeBlock().run()}>
          {"{ }"}
        </ToolButton>
        <ToolButton label="Divider" onClick={() => run().setHorizontalRule().run()}>
          ―
        </ToolButton>
      </div>
      <div className="q-ed-toolbar__group">
        <ToolButton label="Align left" active={state.left} onClick={() => run().setTextAlign("left").run()}>
          ⇤
        </ToolButton>
        <ToolButton
          label="Align center"
          active={state.center}
          onClick={() => run().setTextAlign("center").run()}
        >
          ↔
        </ToolButton>
        <ToolButton
          label="Align right"
          active={state.right}
          onClick={() => run().setTextAlign("right").run()}
        >
          ⇥
        </ToolButton>
      </div>
      <div className="q-ed-toolbar__group">
        <ToolButton
          label="Insert table"
          onClick={() => run().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run()}
        >
          ▦
        </ToolButton>
        <ToolButton label="Insert image" onClick={() => onRequest("image")}>
          <Icon name="image" />
        </ToolButton>
        <ToolButton label="Bookmark" onClick={() => onRequest("bookmark")}>
          <Icon name="bookmark" />
        </ToolButton>
        <ToolButton label="YouTube" onClick={() => onRequest("youtube")}>
          ▶
        </ToolButton>
      </div>
      {state.table ? (
        <div className="q-ed-toolbar__group">
          <ToolButton label="Add row" onClick={() => run().addRowAfter().run()}>
            +row
          </ToolButton>
          <ToolButton label="Add column" onClick={() => run().addColumnAfter().run()}>
            +col
          </ToolButton>
          <ToolButton label="Delete row" onClick={() => run().deleteRow().run()}>
            −row
          </ToolButton>
          <ToolButton label="Delete column" onClick={() => run().deleteColumn().run()}>
            −col
          </ToolButton>
          <ToolButton label="Delete table" onClick={() => run().deleteTable().run()}>
            ✕▦
          </ToolButton>
        </div>
      ) : null}
    </div>
  );
}

const REHIGHLIGHT = "quireRehighlight";

/** Re-decorates every code block once the grammars are registered; not an edit (no history, no change). */
function rehighlight(editor: Editor): void {
  if (editor.isDestroyed) return;
  const tr = editor.state.tr;
  editor.state.doc.descendants((node, pos) => {
    if (node.type.name === "codeBlock") tr.setNodeMarkup(pos, undefined, node.attrs);
  });
  if (!tr.docChanged) return;
  editor.view.dispatch(tr.setMeta("addToHistory", false).setMeta(REHIGHLIGHT, true));
}

const DIALOGS: Record<
  Exclude<BlockRequest, "image">,
  { title: string; label: string; submit: string; hint?: string }
> = {
  link: { title: "Link", label: "Link address", submit: "Apply", hint: "Leave empty to remove the link." },
  bookmark: {
    title: "Bookmark",
    label: "Page address",
    submit: "Insert bookmark",
    hint: "The card shows the page's title, description and image.",
  },
  youtube: { title: "YouTube video", label: "Video address", submit: "Embed video" },
};

/** The post body editor: toolbar, slash menu, uploads, and the dialogs they need. */
export function RichEditor({ initialHtml, onChange, onImageUploaded }: RichEditorProps) {
  const toast = useToast();
  const [slashStore] = useState(() => new SlashMenuStore());
  const [dialog, setDialog] = useState<Exclude<BlockRequest, "image"> | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const fileInputId = useId();

  // The extensions are made once; these refs let their callbacks see the latest props.
  const latest = useRef({ onChange, onImageUploaded, toast });
  latest.current = { onChange, onImageUploaded, toast };
  const requestRef = useRef<(kind: BlockRequest) => void>(() => {});

  const [uploadOptions] = useState<ImageUploadOptions>(() => ({
    upload: (file, onProgress) => uploadImage(file, "POST", { onProgress }),
    check: checkImageFile,
    onError: (message) => latest.current.toast.show(message, { tone: "error" }),
    onUploaded: (image: UploadedImage, file: File) =>
      latest.current.onImageUploaded?.(
        `${file.name} uploaded: ${formatBytes(image.originalBytes)} → ${formatBytes(image.bytes)} WebP`,
      ),
  }));

  const editor = useEditor({
    extensions: editorExtensions({
      upload: uploadOptions,
      fetchPreview: fetchLinkPreview,
      slash: { store: slashStore, request: (kind) => requestRef.current(kind) },
    }),
    content: initialHtml,
    immediatelyRender: true,
    shouldRerenderOnTransaction: false,
    editorProps: {
      attributes: {
        class: `q-ed-prose q-ed-editor__content ${CODE_HIGHLIGHT_CLASS}`,
        role: "textbox",
        "aria-multiline": "true",
        "aria-label": "Post content",
      },
    },
    onUpdate: ({ editor: e, transaction }) => {
      if (!transaction.getMeta(REHIGHLIGHT)) latest.current.onChange(e.getHTML());
    },
  });

  useEffect(() => {
    if (!editor) return;
    loadGrammars()
      .then(() => rehighlight(editor))
      .catch(() => {
        // Code stays readable without colours.
      });
  }, [editor]);

  requestRef.current = (kind) => {
    if (kind === "image") fileInput.current?.click();
    else setDialog(kind);
  };

  useEffect(() => () => slashStore.close(), [slashStore]);

  const submitUrl = (url: string): string | null => {
    if (!editor || !dialog) return null;
    if (dialog === "link") {
      if (!url) editor.chain().focus().extendMarkRange("link").unsetLink().run();
      else if (!/^(https?:\/\/|mailto:|\/)/i.test(url)) return "Enter an address starting with https://";
      else editor.chain().focus().extendMarkRange("link").setLink({ href: url }).run();
    } else if (dialog === "bookmark") {
      if (!isWebUrl(url)) return "Enter an address starting with https://";
      editor.chain().focus().insertBookmark(url).run();
    } else {
      if (!parseYoutubeUrl(url)) return "Enter a youtube.com or youtu.be address";
      editor.chain().focus().insertYoutube(url).run();
    }
    setDialog(null);
    return null;
  };

  if (!editor) return null;
  const spec = dialog ? DIALOGS[dialog] : null;

  return (
    <div className="q-ed-editor">
      <Toolbar editor={editor} onRequest={(kind) => requestRef.current(kind)} />
      <label className="q-visually-hidden" htmlFor={fileInputId}>
        Upload images
      </label>
      <input
        id={fileInputId}
        ref={fileInput}
        className="q-visually-hidden"
        type="file"
        accept="image/jpeg,image/png,image/gif,image/webp"
        multiple
        tabIndex={-1}
        onChange={(event) => {
          const files = Array.from(event.target.files ?? []);
          event.target.value = "";
          if (files.length > 0) uploadImages(editor, files, uploadOptions);
        }}
      />
      <EditorContent editor={editor} />
      <SlashMenu store={slashStore} />
      <UrlDialog
        open={spec !== null}
        title={spec?.title ?? ""}
        label={spec?.label ?? ""}
        submitLabel={spec?.submit ?? "OK"}
        {...(spec?.hint ? { hint: spec.hint } : {})}
        initial={dialog === "link" ? ((editor.getAttributes("link").href as string | undefined) ?? "") : ""}
        onSubmit={submitUrl}
        onClose={() => {
          setDialog(null);
          editor.commands.focus();
        }}
      />
    </div>
  );
}
