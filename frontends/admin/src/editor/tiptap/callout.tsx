import { mergeAttributes, Node } from "@tiptap/core";
import {
  NodeViewContent,
  NodeViewWrapper,
  type ReactNodeViewProps,
  ReactNodeViewRenderer,
} from "@tiptap/react";

export const CALLOUT_VARIANTS = ["info", "warning", "error", "success", "note", "tip"] as const;
export type CalloutVariant = (typeof CALLOUT_VARIANTS)[number];

const VARIANT_LABELS: Record<CalloutVariant, string> = {
  info: "Info",
  warning: "Warning",
  error: "Error",
  success: "Success",
  note: "Note",
  tip: "Tip",
};

function toVariant(value: string | null | undefined): CalloutVariant {
  return CALLOUT_VARIANTS.find((variant) => variant === value) ?? "info";
}

declare module "@tiptap/core" {
  interface Commands<ReturnType> {
    callout: {
      /** Wraps the selected blocks in a callout, or unwraps them when they are in one. */
      toggleCallout: (variant?: CalloutVariant) => ReturnType;
    };
  }
}

function CalloutView({ node, updateAttributes, editor }: ReactNodeViewProps) {
  const variant = toVariant(node.attrs.variant as string);
  return (
    <NodeViewWrapper as="aside" className="q-ed-callout" data-type="callout" data-variant={variant}>
      <div className="q-ed-callout__bar" contentEditable={false}>
        <label>
          <span className="q-visually-hidden">Callout type</span>
          <select
            value={variant}
            disabled={!editor.isEditable}
            onChange={(event) => updateAttributes({ variant: event.target.value })}
          >
            {CALLOUT_VARIANTS.map((value) => (
              <option key={value} value={value}>
                {VARIANT_LABELS[value]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <NodeViewContent className="q-ed-callout__content" />
    </NodeViewWrapper>
  );
}

/**
 * A callout box: `<aside data-type="callout" data-variant="tip">`, markup the blog's sanitiser keeps and
 * its stylesheet draws with the variant's colour and icon.
 */
export const Callout = Node.create({
  name: "callout",
  group: "block",
  content: "(paragraph | heading | bulletList | orderedList)+",
  defining: true,

  addAttributes() {
    return {
      variant: {
        default: "info",
        parseHTML: (element) => toVariant(element.getAttribute("data-variant")),
        renderHTML: (attributes) => ({ "data-variant": toVariant(attributes.variant as string) }),
      },
    };
  },

  parseHTML() {
    return [{ tag: 'aside[data-type="callout"]' }];
  },

  renderHTML({ HTMLAttributes }) {
    return ["aside", mergeAttributes(HTMLAttributes, { "data-type": "callout" }), 0];
  },

  addCommands() {
    return {
      toggleCallout:
        (variant = "info") =>
        ({ commands }) =>
          commands.toggleWrap(this.name, { variant }),
    };
  },

  addNodeView() {
    return ReactNodeViewRenderer(CalloutView);
  },
});
