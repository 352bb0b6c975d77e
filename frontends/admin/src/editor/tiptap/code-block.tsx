import CodeBlockLowlight from "@tiptap/extension-code-block-lowlight";
import {
  NodeViewContent,
  NodeViewWrapper,
  type ReactNodeViewProps,
  ReactNodeViewRenderer,
} from "@tiptap/react";
import { CODE_LANGUAGES, lowlight } from "./languages";

function CodeBlockView({ node, updateAttributes, editor }: ReactNodeViewProps) {
  const language = (node.attrs.language as string | null) ?? "";
  const known = CODE_LANGUAGES.some((option) => option.value === language);
  return (
    <NodeViewWrapper className="q-ed-code">
      <div className="q-ed-code__bar" contentEditable={false}>
        <label>
          <span className="q-visually-hidden">Code language</span>
          <select
            value={language}
            disabled={!editor.isEditable}
            onChange={(event) => updateAttributes({ language: event.target.value || null })}
          >
            {known ? null : <option value={language}>{language}</option>}
            {CODE_LANGUAGES.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <pre>
        <NodeViewContent<"code"> as="code" className={language ? `language-${language} hljs` : "hljs"} />
      </pre>
    </NodeViewWrapper>
  );
}

/** Code blocks highlighted while typing, saved as `<pre><code class="language-x">` for the blog. */
export const CodeBlock = CodeBlockLowlight.extend({
  addNodeView() {
    return ReactNodeViewRenderer(CodeBlockView);
  },
}).configure({ lowlight, defaultLanguage: null });
