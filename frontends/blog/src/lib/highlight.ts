// Loaded only when a post has code: highlight.js core with the languages posts use, not all 190 of them.
import hljs from "highlight.js/lib/core";
import bash from "highlight.js/lib/languages/bash";
import css from "highlight.js/lib/languages/css";
import go from "highlight.js/lib/languages/go";
import java from "highlight.js/lib/languages/java";
import javascript from "highlight.js/lib/languages/javascript";
import json from "highlight.js/lib/languages/json";
import python from "highlight.js/lib/languages/python";
import sql from "highlight.js/lib/languages/sql";
import typescript from "highlight.js/lib/languages/typescript";
import xml from "highlight.js/lib/languages/xml";
import yaml from "highlight.js/lib/languages/yaml";

hljs.registerLanguage("bash", bash);
hljs.registerLanguage("css", css);
hljs.registerLanguage("go", go);
hljs.registerLanguage("java", java);
hljs.registerLanguage("javascript", javascript);
hljs.registerLanguage("json", json);
hljs.registerLanguage("python", python);
hljs.registerLanguage("sql", sql);
hljs.registerLanguage("typescript", typescript);
hljs.registerLanguage("xml", xml);
hljs.registerLanguage("yaml", yaml);
// Unknown languages stay plain text instead of being guessed (and console-warned about).
hljs.configure({ ignoreUnescapedHTML: true, throwUnescapedHTML: false });

/** Highlights every `pre code` under `root` that names a known language (`language-ts`, `lang-sql`...). */
export function highlightWithin(root: HTMLElement): void {
  for (const code of root.querySelectorAll<HTMLElement>("pre code")) {
    if (code.dataset.highlighted) continue;
    const language = /\b(?:language|lang)-([\w+-]+)/.exec(code.className)?.[1];
    if (!language || !hljs.getLanguage(language)) continue;
    hljs.highlightElement(code);
  }
}
