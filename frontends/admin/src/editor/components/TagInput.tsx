import { type KeyboardEvent, useId, useState } from "react";

const MAX_TAGS = 20;
const MAX_TAG_LENGTH = 40;

interface TagInputProps {
  tags: string[];
  onChange: (tags: string[]) => void;
}

/** Tags by name: type one and press Enter (or a comma); new names are created when the post is saved. */
export function TagInput({ tags, onChange }: TagInputProps) {
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const id = useId();

  const add = () => {
    const name = text.trim().replace(/^#/, "");
    if (!name) return;
    if (name.length > MAX_TAG_LENGTH) {
      setError(`A tag has at most ${MAX_TAG_LENGTH} characters`);
      return;
    }
    if (tags.length >= MAX_TAGS) {
      setError(`A post has at most ${MAX_TAGS} tags`);
      return;
    }
    setError(null);
    setText("");
    if (!tags.some((tag) => tag.toLowerCase() === name.toLowerCase())) onChange([...tags, name]);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "Enter" || event.key === ",") {
      event.preventDefault();
      add();
    } else if (event.key === "Backspace" && text === "" && tags.length > 0) {
      onChange(tags.slice(0, -1));
    }
  };

  return (
    <div className="q-field q-ed-tags">
      <label className="q-field__label" htmlFor={id}>
        Tags
      </label>
      {tags.length > 0 ? (
        <ul className="q-ed-tags__list" aria-label="Tags of this post">
          {tags.map((tag) => (
            <li key={tag} className="q-ed-tags__chip">
              <span>#{tag}</span>
              <button
                type="button"
                aria-label={`Remove tag ${tag}`}
                onClick={() => onChange(tags.filter((other) => other !== tag))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <input
        id={id}
        className="q-input"
        value={text}
        maxLength={MAX_TAG_LENGTH + 1}
        placeholder="Type a tag and press Enter"
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
        aria-invalid={error ? true : undefined}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
        onBlur={add}
      />
      <p id={`${id}-hint`} className="q-field__hint">
        Up to {MAX_TAGS} tags; new ones are created on save.
      </p>
      {error ? (
        <p id={`${id}-error`} className="q-field__error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
