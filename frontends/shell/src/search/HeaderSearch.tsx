import { useLocation, useNavigate } from "@quire/shell-sdk";
import { type FormEvent, useEffect, useRef, useState } from "react";

/** True when a key press belongs to a field the reader is typing in. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement
  );
}

/** The header's search field; "/" or Ctrl+K (⌘K) focuses it from anywhere on the page. */
export function HeaderSearch() {
  const navigate = useNavigate();
  const location = useLocation();
  const input = useRef<HTMLInputElement>(null);
  const [value, setValue] = useState("");

  // The search page's own words show here too, so the field never contradicts the results.
  useEffect(() => {
    if (location.pathname === "/search") setValue(new URLSearchParams(location.search).get("q") ?? "");
  }, [location.pathname, location.search]);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const commandK = (event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "k";
      const slash = event.key === "/" && !event.ctrlKey && !event.metaKey && !event.altKey;
      if (!commandK && !(slash && !isTyping(event.target))) return;
      event.preventDefault();
      input.current?.focus();
      input.current?.select();
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const q = value.trim();
    navigate(q ? `/search?q=${encodeURIComponent(q)}` : "/search");
    input.current?.blur();
  };

  return (
    <search className="q-shell-search">
      <form onSubmit={submit}>
        <label htmlFor="q-shell-search-input" className="q-visually-hidden">
          Search the blog
        </label>
        <input
          ref={input}
          id="q-shell-search-input"
          className="q-shell-search__input"
          type="search"
          value={value}
          onChange={(event) => setValue(event.target.value)}
          placeholder="Search  ( / )"
          aria-keyshortcuts="/ Control+K Meta+K"
          maxLength={200}
          enterKeyHint="search"
        />
      </form>
    </search>
  );
}
