import "./code-highlight.css";

/** Put on an element holding highlight.js output (a post, the editor) to colour its tokens. */
export const CODE_HIGHLIGHT_CLASS = "q-code-highlight";
