import { useToast } from "@quire/shell-sdk";
import { Button } from "@quire/ui";
import { useId, useRef, useState } from "react";
import { checkImageFile, formatBytes, uploadImage } from "../../api/uploads";

interface CoverFieldProps {
  coverUrl: string | null;
  onChange: (url: string | null) => void;
  onBusyChange: (busy: boolean) => void;
}

/** The post's cover: uploaded as a COVER image (1200×630 WebP), stored as an absolute address. */
export function CoverField({ coverUrl, onChange, onBusyChange }: CoverFieldProps) {
  const toast = useToast();
  const input = useRef<HTMLInputElement>(null);
  const id = useId();
  const [percent, setPercent] = useState<number | null>(null);
  const [note, setNote] = useState<string | null>(null);

  const send = async (file: File) => {
    const problem = checkImageFile(file);
    if (problem) {
      toast.show(problem, { tone: "error" });
      return;
    }
    setPercent(0);
    onBusyChange(true);
    try {
      const image = await uploadImage(file, "COVER", {
        onProgress: (fraction) => setPercent(Math.round(fraction * 100)),
      });
      // The post API takes an http(s) address for the cover, not a site path.
      onChange(new URL(image.url, window.location.origin).href);
      setNote(`${formatBytes(image.originalBytes)} → ${formatBytes(image.bytes)} WebP`);
    } catch (error) {
      toast.show(`The cover could not be uploaded: ${error instanceof Error ? error.message : error}`, {
        tone: "error",
      });
    } finally {
      setPercent(null);
      onBusyChange(false);
    }
  };

  return (
    <fieldset className="q-ed-fieldset q-ed-cover">
      <legend>Cover image</legend>
      {coverUrl ? <img className="q-ed-cover__preview" src={coverUrl} alt="Cover preview" /> : null}
      {percent !== null ? (
        <div className="q-ed-progress">
          <progress max={100} value={percent} aria-label="Uploading the cover" />
          <span aria-hidden="true">{percent}%</span>
        </div>
      ) : null}
      {note ? <p className="q-field__hint">{note}</p> : null}
      <div className="q-ed-cover__actions">
        <label htmlFor={id} className="q-visually-hidden">
          Cover image file
        </label>
        <input
          id={id}
          ref={input}
          type="file"
          className="q-visually-hidden"
          tabIndex={-1}
          accept="image/jpeg,image/png,image/gif,image/webp"
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = "";
            if (file) void send(file);
          }}
        />
        <Button
          variant="secondary"
          size="small"
          disabled={percent !== null}
          onClick={() => input.current?.click()}
        >
          {coverUrl ? "Replace cover" : "Upload cover"}
        </Button>
        {coverUrl ? (
          <Button variant="ghost" size="small" onClick={() => onChange(null)}>
            Remove cover
          </Button>
        ) : null}
      </div>
    </fieldset>
  );
}
