import { errorMessage, fieldErrors, GraphQLRequestError, useDocumentTitle, useToast } from "@quire/shell-sdk";
import { Button, ConfirmDialog, Field, ListSkeleton, LoadMore } from "@quire/ui";
import { type FormEvent, type ReactNode, useState } from "react";
import {
  type TaxonomyInput,
  type TaxonomyItem,
  type TaxonomyKind,
  useCreateTaxonomy,
  useDeleteTaxonomy,
  useTaxonomy,
  useUpdateTaxonomy,
} from "../../api/taxonomy";
import { Empty, LoadError, ScreenHeader } from "../../components/ListStates";

const WORDS: Record<TaxonomyKind, { one: string; many: string; title: string }> = {
  category: { one: "category", many: "categories", title: "Categories" },
  tag: { one: "tag", many: "tags", title: "Tags" },
};

/** The lists come whole from the BFF; they are shown a page at a time so long tag lists stay usable. */
const SHOWN_STEP = 30;

/** An empty slug is left out, so the server makes one from the name. */
function taxonomyInput(name: string, slug: string): TaxonomyInput {
  const trimmed = slug.trim();
  return trimmed ? { name: name.trim(), slug: trimmed } : { name: name.trim() };
}

/**
 * Errors by field. The service names the field of a malformed value; a refused one (a slug already taken)
 * comes as a message alone, shown under the slug when one was typed, else under the name it was made from.
 */
function taxonomyErrors(error: unknown, slugTyped: boolean): Record<string, string> {
  const fields = fieldErrors(error);
  if (Object.keys(fields).length > 0) return fields;
  if (error instanceof GraphQLRequestError && error.code === "BAD_USER_INPUT") {
    return { [slugTyped ? "slug" : "name"]: error.message };
  }
  return {};
}

/** The form's message for an error no field claims (the server could not be reached). */
function formError(error: unknown, fields: Record<string, string>): string | null {
  if (!error) return null;
  return Object.keys(fields).length > 0 ? null : errorMessage(error);
}

function NameSlugFields({
  name,
  slug,
  onName,
  onSlug,
  errors,
}: {
  name: string;
  slug: string;
  onName: (value: string) => void;
  onSlug: (value: string) => void;
  errors: Record<string, string>;
}) {
  return (
    <>
      <Field label="Name" error={errors.name}>
        {(control) => (
          <input
            {...control}
            className="q-input"
            value={name}
            maxLength={50}
            required
            onChange={(e) => onName(e.target.value)}
          />
        )}
      </Field>
      <Field label="Slug" hint="Optional; made from the name when empty." error={errors.slug}>
        {(control) => (
          <input
            {...control}
            className="q-input"
            value={slug}
            maxLength={80}
            onChange={(e) => onSlug(e.target.value)}
          />
        )}
      </Field>
    </>
  );
}

function CreateForm({ kind }: { kind: TaxonomyKind }) {
  const toast = useToast();
  const create = useCreateTaxonomy(kind);
  const [name, setName] = useState("");
  const [slug, setSlug] = useState("");
  const errors = taxonomyErrors(create.error, slug.trim() !== "");

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(taxonomyInput(name, slug), {
      onSuccess: (item) => {
        toast.show(`${item.name} created`, { tone: "success" });
        setName("");
        setSlug("");
      },
    });
  };

  return (
    <form
      className="q-admin-form q-admin-form--inline"
      onSubmit={submit}
      aria-label={`New ${WORDS[kind].one}`}
    >
      <NameSlugFields name={name} slug={slug} onName={setName} onSlug={setSlug} errors={errors} />
      <Button type="submit" disabled={create.isPending}>
        Add {WORDS[kind].one}
      </Button>
      {formError(create.error, errors) ? (
        <p className="q-admin-error" role="alert">
          {formError(create.error, errors)}
        </p>
      ) : null}
    </form>
  );
}

function ItemRow({ kind, item, onDelete }: { kind: TaxonomyKind; item: TaxonomyItem; onDelete: () => void }) {
  const toast = useToast();
  const update = useUpdateTaxonomy(kind);
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(item.name);
  const [slug, setSlug] = useState(item.slug);
  const errors = taxonomyErrors(update.error, slug.trim() !== item.slug);

  if (editing) {
    return (
      <li className="q-admin-list__item">
        <form
          className="q-admin-form q-admin-form--inline"
          aria-label={`Rename ${item.name}`}
          onSubmit={(event) => {
            event.preventDefault();
            update.mutate(
              { id: item.id, input: taxonomyInput(name, slug) },
              {
                onSuccess: (saved) => {
                  toast.show(`Renamed to ${saved.name}`, { tone: "success" });
                  setEditing(false);
                },
              },
            );
          }}
        >
          <NameSlugFields name={name} slug={slug} onName={setName} onSlug={setSlug} errors={errors} />
          <div className="q-admin-actions">
            <Button type="submit" size="small" disabled={update.isPending}>
              Save
            </Button>
            <Button
              size="small"
              variant="ghost"
              onClick={() => {
                update.reset();
                setEditing(false);
              }}
            >
              Cancel
            </Button>
          </div>
          {formError(update.error, errors) ? (
            <p className="q-admin-error" role="alert">
              {formError(update.error, errors)}
            </p>
          ) : null}
        </form>
      </li>
    );
  }

  return (
    <li className="q-admin-list__item q-admin-row">
      <div className="q-admin-row__main">
        <span className="q-admin-row__title">{item.name}</span>
        <span className="q-admin-muted">
          /{item.slug} ·{" "}
          {item.postCount == null
            ? "post count unknown"
            : `${item.postCount} ${item.postCount === 1 ? "post" : "posts"}`}
        </span>
      </div>
      <div className="q-admin-actions">
        <Button
          size="small"
          variant="secondary"
          onClick={() => {
            setName(item.name);
            setSlug(item.slug);
            setEditing(true);
          }}
        >
          Rename<span className="q-visually-hidden"> {item.name}</span>
        </Button>
        <Button size="small" variant="ghost" onClick={onDelete}>
          Delete<span className="q-visually-hidden"> {item.name}</span>
        </Button>
      </div>
    </li>
  );
}

function TaxonomySection({
  kind,
  items,
  state,
}: {
  kind: TaxonomyKind;
  items: TaxonomyItem[];
  state: ReactNode | null;
}) {
  const words = WORDS[kind];
  const toast = useToast();
  const remove = useDeleteTaxonomy(kind);
  const [pending, setPending] = useState<TaxonomyItem | null>(null);
  const [shown, setShown] = useState(SHOWN_STEP);
  const headingId = `q-admin-taxonomy-${kind}`;

  return (
    <section className="q-admin-section" aria-labelledby={headingId}>
      <h2 id={headingId} className="q-admin-subtitle">
        {words.title}
      </h2>
      <CreateForm kind={kind} />
      {state ??
        (items.length === 0 ? (
          <Empty title={`No ${words.many}`} message={`Add the first ${words.one} above.`} />
        ) : (
          <>
            <ul className="q-admin-list">
              {items.slice(0, shown).map((item) => (
                <ItemRow
                  key={item.id}
                  kind={kind}
                  item={item}
                  onDelete={() => {
                    remove.reset();
                    setPending(item);
                  }}
                />
              ))}
            </ul>
            <LoadMore
              noun={words.many}
              hasNextPage={items.length > shown}
              isFetchingNextPage={false}
              nextPageError={null}
              onLoadMore={() => setShown((n) => n + SHOWN_STEP)}
            />
          </>
        ))}
      <ConfirmDialog
        open={pending != null}
        title={`Delete the ${words.one} ${pending?.name ?? ""}?`}
        confirmLabel="Delete"
        tone="danger"
        busy={remove.isPending}
        error={errorMessage(remove.error)}
        onConfirm={() => {
          if (!pending) return;
          remove.mutate(pending.id, {
            onSuccess: () => {
              toast.show(`${pending.name} deleted`, { tone: "success" });
              setPending(null);
            },
          });
        }}
        onCancel={() => setPending(null)}
      >
        <p>
          A {words.one} that posts still use cannot be deleted: move those posts first.
          {pending?.postCount ? ` ${pending.postCount} posts use this one.` : ""}
        </p>
      </ConfirmDialog>
    </section>
  );
}

/** Categories and tags: create, rename and delete, with the server's validation beside each field. */
export function TaxonomyPage() {
  useDocumentTitle("Categories & tags");
  const query = useTaxonomy();
  const state = query.isPending ? (
    <ListSkeleton label="Loading" />
  ) : query.isError ? (
    <LoadError
      title="The list could not be loaded"
      error={query.error}
      onRetry={() => void query.refetch()}
    />
  ) : null;

  return (
    <section className="q-admin-screen" aria-labelledby="q-admin-taxonomy-title" aria-busy={query.isFetching}>
      <ScreenHeader title="Categories & tags" id="q-admin-taxonomy-title" />
      <div className="q-admin-columns">
        <TaxonomySection kind="category" items={query.data?.categories ?? []} state={state} />
        <TaxonomySection kind="tag" items={query.data?.tags ?? []} state={state} />
      </div>
    </section>
  );
}
