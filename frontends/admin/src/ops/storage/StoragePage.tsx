import { errorMessage, useDocumentTitle, useToast } from "@quire/shell-sdk";
import { Button, Card, ConfirmDialog, Field, LoadMore } from "@quire/ui";
import { useState } from "react";
import { type StorageUsage, useCleanOrphans, useOrphanImages, useStorageUsage } from "../../api/storage";
import {
  Empty,
  FormattedDate,
  formatBytes,
  formatNumber,
  LoadError,
  ScreenHeader,
  StatSkeleton,
} from "../../components/ListStates";

const PURPOSES = { AVATAR: "Avatar", COVER: "Cover", POST: "Post image" } as const;

const AGES = [
  { value: 60, label: "1 hour" },
  { value: 60 * 24, label: "1 day" },
  { value: 60 * 24 * 7, label: "1 week" },
  { value: 0, label: "Any age" },
];

function UsageTable({ usage }: { usage: StorageUsage }) {
  const rows: Array<[string, { count: number; bytes: number }]> = [
    ["Avatars", usage.avatar],
    ["Covers", usage.cover],
    ["Post images", usage.post],
  ];
  const max = Math.max(1, ...rows.map(([, u]) => u.bytes));
  return (
    <div className="q-admin-table-wrap">
      <table className="q-admin-table">
        <caption className="q-visually-hidden">Stored images by purpose</caption>
        <thead>
          <tr>
            <th scope="col">Purpose</th>
            <th scope="col">Images</th>
            <th scope="col">Size</th>
            <th scope="col" className="q-admin-table__bar-head">
              <span className="q-visually-hidden">Share</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, u]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td>{formatNumber(u.count)}</td>
              <td>{formatBytes(u.bytes)}</td>
              <td className="q-admin-table__bar" aria-hidden="true">
                <span style={{ width: `${(u.bytes / max) * 100}%` }} />
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">All images</th>
            <td>{formatNumber(usage.total.count)}</td>
            <td>{formatBytes(usage.total.bytes)}</td>
            <td />
          </tr>
          <tr>
            <th scope="row">In the object store</th>
            <td>{formatNumber(usage.stored.count)}</td>
            <td>{formatBytes(usage.stored.bytes)}</td>
            <td />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

/** Storage: what is stored, and the images nothing references, with a cleanup behind a confirmation. */
export function StoragePage() {
  useDocumentTitle("Storage");
  const toast = useToast();
  const usage = useStorageUsage();
  const { query, items, totalCount, totalBytes } = useOrphanImages();
  const clean = useCleanOrphans();
  const [minAge, setMinAge] = useState(60);
  const [confirming, setConfirming] = useState(false);
  const ageLabel = AGES.find((a) => a.value === minAge)?.label ?? "";

  return (
    <section
      className="q-admin-screen"
      aria-labelledby="q-admin-storage-title"
      aria-busy={usage.isFetching || query.isFetching}
    >
      <ScreenHeader title="Storage" id="q-admin-storage-title" />
      <Card as="section" className="q-admin-widget" aria-labelledby="q-admin-storage-usage">
        <h2 id="q-admin-storage-usage" className="q-admin-widget__title">
          Usage
        </h2>
        {usage.isPending ? (
          <StatSkeleton label="Loading usage" count={3} />
        ) : usage.isError ? (
          <LoadError
            title="The usage could not be loaded"
            error={usage.error}
            onRetry={() => void usage.refetch()}
          />
        ) : (
          <UsageTable usage={usage.data} />
        )}
      </Card>
      <section className="q-admin-section" aria-labelledby="q-admin-storage-orphans">
        <div className="q-admin-widget__head">
          <h2 id="q-admin-storage-orphans" className="q-admin-subtitle">
            Orphan images
            {query.data ? (
              <span className="q-admin-muted">
                {" "}
                ({formatNumber(totalCount)}, {formatBytes(totalBytes)})
              </span>
            ) : null}
          </h2>
        </div>
        <p className="q-admin-muted">
          Images no post, draft or avatar uses. Cleanup checks again with the blog and the accounts before
          deleting, and stops if it cannot.
        </p>
        <div className="q-admin-toolbar">
          <Field label="Older than">
            {(control) => (
              <select
                {...control}
                className="q-input"
                value={minAge}
                onChange={(e) => setMinAge(Number(e.target.value))}
              >
                {AGES.map((age) => (
                  <option key={age.value} value={age.value}>
                    {age.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Button
            variant="secondary"
            disabled={totalCount === 0 || clean.isPending}
            onClick={() => {
              clean.reset();
              setConfirming(true);
            }}
          >
            Clean up
          </Button>
        </div>
        {query.isPending ? (
          <StatSkeleton label="Loading orphan images" count={4} />
        ) : query.isError && items.length === 0 ? (
          <LoadError
            title="The orphan images could not be loaded"
            error={query.error}
            onRetry={() => void query.refetch()}
          />
        ) : items.length === 0 ? (
          <Empty title="No orphan images" message="Every stored image is in use." />
        ) : (
          <>
            <ul className="q-admin-thumbs">
              {items.map((image) => (
                <li key={image.id} className="q-admin-thumb">
                  <img
                    src={image.url}
                    alt={`${PURPOSES[image.purpose]} uploaded ${new Date(image.createdAt).toLocaleDateString()}`}
                    loading="lazy"
                    width={160}
                    height={120}
                  />
                  <span className="q-admin-thumb__meta">
                    {PURPOSES[image.purpose]} · {formatBytes(image.bytes)}
                    <br />
                    <FormattedDate value={image.createdAt} />
                  </span>
                </li>
              ))}
            </ul>
            <LoadMore
              noun="images"
              hasNextPage={query.hasNextPage}
              isFetchingNextPage={query.isFetchingNextPage}
              nextPageError={query.isFetchNextPageError ? query.error : null}
              onLoadMore={() => void query.fetchNextPage()}
            />
          </>
        )}
      </section>
      <ConfirmDialog
        open={confirming}
        title="Delete orphan images?"
        confirmLabel="Delete images"
        tone="danger"
        busy={clean.isPending}
        error={errorMessage(clean.error)}
        onConfirm={() =>
          clean.mutate(minAge, {
            onSuccess: (result) => {
              setConfirming(false);
              toast.show(
                `${result.deleted.length} images deleted${result.kept.length ? `, ${result.kept.length} kept because they are still in use` : ""}`,
                { tone: "success" },
              );
            },
          })
        }
        onCancel={() => setConfirming(false)}
      >
        <p>
          Deletes the orphan images {minAge === 0 ? "of any age" : `older than ${ageLabel.toLowerCase()}`} (
          {formatNumber(totalCount)} listed now, {formatBytes(totalBytes)}). Deleted images cannot be brought
          back, except by restoring a backup.
        </p>
      </ConfirmDialog>
    </section>
  );
}
