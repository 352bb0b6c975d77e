import { errorMessage, useSession, useToast } from "@quire/shell-sdk";
import { Button } from "@quire/ui";
import { type ChangeEvent, useEffect, useId, useRef, useState } from "react";
import { type Profile, useUpdateProfile } from "../api/account";
import { AVATAR_MAX_BYTES, AVATAR_TYPES, uploadAvatar } from "../api/avatar";

type Phase = { kind: "idle" } | { kind: "uploading"; fraction: number } | { kind: "saving" };

const kib = (bytes: number) => `${Math.max(1, Math.round(bytes / 1024)).toLocaleString()} KB`;

/**
 * The avatar: upload an image (progress shown), then save its URL in the profile; the header and this form
 * show the new picture at once.
 */
export function AvatarForm({ profile }: { profile: Profile }) {
  const session = useSession();
  const toast = useToast();
  const update = useUpdateProfile();
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const [error, setError] = useState<string | null>(null);
  const [savedNote, setSavedNote] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const abort = useRef<AbortController | null>(null);
  const id = useId();

  useEffect(() => () => abort.current?.abort(), []);

  const saveAvatar = (avatarUrl: string | null, note: string) => {
    setPhase({ kind: "saving" });
    update.mutate(
      { avatarUrl },
      {
        onSuccess: (saved) => {
          // The header reads the session's copy of the user.
          if (session.accessToken && session.user) {
            session.signIn({
              accessToken: session.accessToken,
              user: { ...session.user, avatarUrl: saved.avatarUrl },
            });
          }
          setSavedNote(note);
          toast.show(avatarUrl ? "Avatar updated" : "Avatar removed", { tone: "success" });
        },
        onError: (failure) => setError(errorMessage(failure)),
        onSettled: () => setPhase({ kind: "idle" }),
      },
    );
  };

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = "";
    if (!file) return;
    setError(null);
    setSavedNote(null);
    // The server checks the bytes; this only saves a pointless upload.
    if (!AVATAR_TYPES.includes(file.type)) {
      setError("Choose a JPEG, PNG, GIF or WebP image.");
      return;
    }
    if (file.size > AVATAR_MAX_BYTES) {
      setError("The image is larger than 10 MB.");
      return;
    }
    abort.current = new AbortController();
    setPhase({ kind: "uploading", fraction: 0 });
    try {
      const image = await uploadAvatar(file, {
        onProgress: (fraction) => setPhase({ kind: "uploading", fraction }),
        signal: abort.current.signal,
      });
      saveAvatar(
        image.url,
        `Saved as a ${image.width}×${image.height} WebP of ${kib(image.bytes)} (sent ${kib(image.originalBytes)}).`,
      );
    } catch (failure) {
      setPhase({ kind: "idle" });
      if (failure instanceof DOMException && failure.name === "AbortError") return;
      setError(errorMessage(failure));
    }
  };

  const busy = phase.kind !== "idle";
  const avatarUrl = profile.avatarUrl;

  return (
    <section className="q-user-form" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="q-user-subtitle">
        Avatar
      </h2>
      <div className="q-user-avatar-row">
        {avatarUrl ? (
          <img className="q-user-avatar" src={avatarUrl} alt="Your avatar" width={96} height={96} />
        ) : (
          <span className="q-user-avatar q-user-avatar--empty" role="img" aria-label="No avatar yet">
            {profile.name.trim().charAt(0).toUpperCase() || "?"}
          </span>
        )}
        <div className="q-user-avatar-actions">
          <label className="q-button q-button--secondary" htmlFor={`${id}-file`} aria-disabled={busy}>
            {avatarUrl ? "Change avatar" : "Upload avatar"}
          </label>
          <input
            ref={input}
            id={`${id}-file`}
            className="q-visually-hidden"
            type="file"
            accept={AVATAR_TYPES.join(",")}
            disabled={busy}
            onChange={(event) => void onFile(event)}
            aria-describedby={`${id}-hint`}
          />
          {avatarUrl ? (
            <Button variant="ghost" disabled={busy} onClick={() => saveAvatar(null, "")}>
              Remove avatar
            </Button>
          ) : null}
          <p id={`${id}-hint`} className="q-user-muted">
            JPEG, PNG, GIF or WebP, up to 10 MB; cropped to 256×256.
          </p>
        </div>
      </div>
      {phase.kind === "uploading" ? (
        <div className="q-user-progress">
          <label htmlFor={`${id}-progress`}>Uploading the avatar</label>
          <progress id={`${id}-progress`} max={100} value={Math.round(phase.fraction * 100)}>
            {Math.round(phase.fraction * 100)}%
          </progress>
          <Button variant="ghost" size="small" onClick={() => abort.current?.abort()}>
            Cancel upload
          </Button>
        </div>
      ) : null}
      {phase.kind === "saving" ? (
        <p className="q-user-muted" role="status">
          Saving the avatar…
        </p>
      ) : null}
      {savedNote ? (
        <p className="q-user-muted" role="status">
          {savedNote}
        </p>
      ) : null}
      {error ? (
        <p className="q-user-error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}
