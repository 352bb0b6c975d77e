import { Link } from "@quire/shell-sdk";
import { Button } from "@quire/ui";
import { useEffect, useMemo, useRef, useState } from "react";
import { useReaderFrame } from "../layout/reader-frame";

/** "Don't show today" hides one notice for 24 hours in this browser; closing hides it for this tab. */
const HIDE_FOR_MS = 24 * 60 * 60 * 1000;
const hiddenKey = (id: string) => `quire.notice.hidden.${id}`;
const closedKey = (id: string) => `quire.notice.closed.${id}`;

function isHidden(id: string): boolean {
  try {
    if (sessionStorage.getItem(closedKey(id))) return true;
    const until = Number(localStorage.getItem(hiddenKey(id)));
    return Number.isFinite(until) && until > Date.now();
  } catch {
    return false;
  }
}

function remember(storage: "local" | "session", key: string, value: string): void {
  try {
    (storage === "local" ? localStorage : sessionStorage).setItem(key, value);
  } catch {
    // Not remembered: the notice shows again next time, which is harmless.
  }
}

/** The home page's pinned notices, one at a time, in a modal dialog. */
export function NoticePopup() {
  // A pop-up is a nicety: a failure is never shown.
  const query = useReaderFrame();
  const notices = query.data?.homePage.popupNotices;
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set());
  const notice = useMemo(
    () => notices?.find((candidate) => !dismissed.has(candidate.id) && !isHidden(candidate.id)),
    [notices, dismissed],
  );
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const element = dialog.current;
    if (notice && element && !element.open) element.showModal();
  }, [notice]);

  if (!notice) return null;

  const close = (hideToday: boolean) => {
    if (hideToday) remember("local", hiddenKey(notice.id), String(Date.now() + HIDE_FOR_MS));
    else remember("session", closedKey(notice.id), "1");
    dialog.current?.close();
    setDismissed((current) => new Set([...current, notice.id]));
  };

  return (
    <dialog
      ref={dialog}
      className="q-shell-notice"
      aria-labelledby="q-shell-notice-title"
      // Escape closes the dialog natively; remember it like the Close button.
      onCancel={(event) => {
        event.preventDefault();
        close(false);
      }}
    >
      <p className="q-shell-notice__badge">{notice.badge || "Notice"}</p>
      <h2 id="q-shell-notice-title" className="q-shell-notice__title">
        {notice.title}
      </h2>
      {/* Sanitised server-side when the notice was saved */}
      <div className="q-shell-notice__body" dangerouslySetInnerHTML={{ __html: notice.contentHtml }} />
      <p>
        <Link to={`/notices/${encodeURIComponent(notice.slug)}`} onClick={() => close(false)}>
          Read the notice
        </Link>
      </p>
      <div className="q-shell-notice__actions">
        <Button variant="secondary" onClick={() => close(true)}>
          Don't show today
        </Button>
        <Button onClick={() => close(false)}>Close</Button>
      </div>
    </dialog>
  );
}
