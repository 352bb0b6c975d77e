import { type Editor, Extension } from "@tiptap/core";
import Image from "@tiptap/extension-image";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import { NodeViewWrapper, type ReactNodeViewProps, ReactNodeViewRenderer } from "@tiptap/react";
import { useSyncExternalStore } from "react";
import type { UploadedImage } from "../../api/uploads";

interface UploadState {
  /** 0..100 */
  percent: number;
}

/** Uploads in flight, by the id their placeholder image carries; read by the image node views. */
class UploadStore {
  private readonly uploads = new Map<string, UploadState>();
  private readonly listeners = new Set<() => void>();

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  get(id: string | null): UploadState | undefined {
    return id ? this.uploads.get(id) : undefined;
  }

  get size(): number {
    return this.uploads.size;
  }

  set(id: string, state: UploadState | null): void {
    if (state) this.uploads.set(id, state);
    else this.uploads.delete(id);
    for (const listener of this.listeners) listener();
  }
}

export const uploadStore = new UploadStore();

export function usePendingUploadCount(): number {
  return useSyncExternalStore(uploadStore.subscribe, () => uploadStore.size);
}

export interface ImageUploadOptions {
  /** Sends the file; reports progress 0..1. */
  upload: (file: File, onProgress: (fraction: number) => void) => Promise<UploadedImage>;
  /** Refuses a file before sending it: the reason, or null. */
  check: (file: File) => string | null;
  onError: (message: string) => void;
  onUploaded: (image: UploadedImage, file: File) => void;
}

function findUpload(editor: Editor, uploadId: string): number | null {
  let found: number | null = null;
  editor.state.doc.descendants((node, pos) => {
    if (found !== null) return false;
    if (node.type.name === "image" && node.attrs.uploadId === uploadId) found = pos;
    return undefined;
  });
  return found;
}

/**
 * Puts each image in the document at once (a local preview with a progress bar), uploads it, then swaps
 * in the stored WebP; a failed upload removes its placeholder and says why.
 */
export function uploadImages(editor: Editor, files: File[], options: ImageUploadOptions, at?: number): void {
  let pos = at;
  for (const file of files) {
    const problem = options.check(file);
    if (problem) {
      options.onError(problem);
      continue;
    }
    const uploadId = crypto.randomUUID();
    const preview = URL.createObjectURL(file);
    const alt = file.name.replace(/\.[^.]+$/, "").replace(/[-_]+/g, " ");
    uploadStore.set(uploadId, { percent: 0 });
    const content = { type: "image", attrs: { src: preview, alt, uploadId } };
    const chain = editor.chain().focus();
    if (pos === undefined) chain.insertContent(content).run();
    else chain.insertContentAt(pos, content).run();
    pos = undefined;

    options
      .upload(file, (fraction) => uploadStore.set(uploadId, { percent: Math.round(fraction * 100) }))
      .then((image) => {
        const at = findUpload(editor, uploadId);
        if (at !== null && !editor.isDestroyed) {
          const node = editor.state.doc.nodeAt(at);
          editor.view.dispatch(
            editor.state.tr.setNodeMarkup(at, undefined, {
              ...node?.attrs,
              src: image.url,
              width: image.width,
              height: image.height,
              uploadId: null,
            }),
          );
        }
        options.onUploaded(image, file);
      })
      .catch((error: unknown) => {
        const at = findUpload(editor, uploadId);
        if (at !== null && !editor.isDestroyed) {
          const node = editor.state.doc.nodeAt(at);
          if (node) editor.view.dispatch(editor.state.tr.delete(at, at + node.nodeSize));
        }
        options.onError(
          `${file.name} could not be uploaded: ${error instanceof Error ? error.message : error}`,
        );
      })
      .finally(() => {
        uploadStore.set(uploadId, null);
        URL.revokeObjectURL(preview);
      });
  }
}

function imageFiles(list: FileList | null | undefined): File[] {
  return Array.from(list ?? []).filter((file) => file.type.startsWith("image/"));
}

/** Dropped and pasted image files go through the same upload as the toolbar's button. */
export const ImageUpload = Extension.create<ImageUploadOptions>({
  name: "imageUpload",

  addOptions() {
    return {
      upload: () => Promise.reject(new Error("No uploader")),
      check: () => null,
      onError: () => {},
      onUploaded: () => {},
    };
  },

  addProseMirrorPlugins() {
    const { editor, options } = this;
    return [
      new Plugin({
        key: new PluginKey("imageUpload"),
        props: {
          handleDrop: (view, event, _slice, moved) => {
            if (moved) return false;
            const files = imageFiles(event.dataTransfer?.files);
            if (files.length === 0) return false;
            event.preventDefault();
            const at = view.posAtCoords({ left: event.clientX, top: event.clientY })?.pos;
            uploadImages(editor, files, options, at);
            return true;
          },
          handlePaste: (_view, event) => {
            const files = imageFiles(event.clipboardData?.files);
            if (files.length === 0) return false;
            event.preventDefault();
            uploadImages(editor, files, options);
            return true;
          },
        },
      }),
    ];
  },
});

function ImageView({ node, updateAttributes, selected, editor }: ReactNodeViewProps) {
  const uploadId = (node.attrs.uploadId as string | null) ?? null;
  const upload = useSyncExternalStore(uploadStore.subscribe, () => uploadStore.get(uploadId));
  const alt = (node.attrs.alt as string | null) ?? "";
  return (
    <NodeViewWrapper className={`q-ed-image${selected ? " is-selected" : ""}`} data-drag-handle="">
      <img
        src={node.attrs.src as string}
        alt={alt}
        width={(node.attrs.width as number | null) ?? undefined}
        height={(node.attrs.height as number | null) ?? undefined}
      />
      {upload ? (
        <div className="q-ed-image__upload" contentEditable={false}>
          <progress max={100} value={upload.percent} aria-label={`Uploading ${alt || "image"}`} />
          <span aria-hidden="true">{upload.percent}%</span>
        </div>
      ) : null}
      {selected && editor.isEditable && !upload ? (
        <label className="q-ed-image__alt" contentEditable={false}>
          <span>Alt text</span>
          <input
            type="text"
            value={alt}
            maxLength={200}
            onChange={(event) => updateAttributes({ alt: event.target.value })}
          />
        </label>
      ) : null}
    </NodeViewWrapper>
  );
}

/** The image node, with the id of its upload while it is a local preview (never written to HTML). */
export const UploadableImage = Image.extend({
  draggable: true,
  addAttributes() {
    return {
      ...this.parent?.(),
      uploadId: { default: null, rendered: false, parseHTML: () => null },
    };
  },
  addNodeView() {
    return ReactNodeViewRenderer(ImageView);
  },
});
