import { errorMessage, fieldErrors, useDocumentTitle, useToast } from "@quire/shell-sdk";
import { Button, Card, Field, ListSkeleton } from "@quire/ui";
import { type FormEvent, useState } from "react";
import { type AdminStaticPage, type PageSection, useStaticPages, useUpdateStaticPage } from "../../api/pages";
import { Empty, FormattedDate, LoadError, ScreenHeader } from "../../components/ListStates";
import { SegmentedControl } from "../../components/SegmentedControl";

const MAX_SECTIONS = 50;

const PAGE_NAMES: Record<string, string> = { introduce: "Introduction", privacy: "Privacy policy" };

function Preview({ title, sections }: { title: string; sections: PageSection[] }) {
  return (
    <Card as="section" className="q-admin-preview" aria-labelledby="q-admin-page-preview">
      <h2 id="q-admin-page-preview" className="q-admin-subtitle">
        Preview
      </h2>
      <div className="q-admin-preview__page">
        <p className="q-admin-preview__title">{title || "Untitled"}</p>
        {sections.map((section, index) => (
          // Index keys: the preview follows the form's order exactly.
          <div key={index}>
            <p className="q-admin-preview__heading">{section.heading || "Untitled section"}</p>
            {section.body
              .split(/\n{2,}/)
              .filter((paragraph) => paragraph.trim())
              .map((paragraph, n) => (
                // Index keys: paragraphs of a static text
                <p key={n}>{paragraph}</p>
              ))}
          </div>
        ))}
      </div>
    </Card>
  );
}

function PageEditor({ page }: { page: AdminStaticPage }) {
  const toast = useToast();
  const save = useUpdateStaticPage();
  const [title, setTitle] = useState(page.title);
  const [sections, setSections] = useState<PageSection[]>(page.sections);
  const errors = fieldErrors(save.error);
  const name = PAGE_NAMES[page.slug] ?? page.slug;

  const update = (index: number, patch: Partial<PageSection>) =>
    setSections((current) => current.map((s, n) => (n === index ? { ...s, ...patch } : s)));
  const move = (index: number, by: -1 | 1) =>
    setSections((current) => {
      const next = [...current];
      const [moved] = next.splice(index, 1);
      if (moved) next.splice(index + by, 0, moved);
      return next;
    });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(
      { slug: page.slug, input: { title: title.trim(), sections } },
      { onSuccess: () => toast.show(`${name} saved`, { tone: "success" }) },
    );
  };

  return (
    <div className="q-admin-editor">
      <form className="q-admin-form" onSubmit={submit} aria-label={`Edit ${name}`}>
        <p className="q-admin-muted">
          {page.edited ? (
            <>
              Last saved <FormattedDate value={page.updatedAt} withTime />
            </>
          ) : (
            "This page still shows its default text; the first save replaces it."
          )}{" "}
          Readers see it at <a href={`/${page.slug}`}>/{page.slug}</a>.
        </p>
        <Field label="Page title" error={errors.title}>
          {(control) => (
            <input
              {...control}
              className="q-input"
              value={title}
              maxLength={200}
              required
              onChange={(e) => setTitle(e.target.value)}
            />
          )}
        </Field>
        {errors.sections ? (
          <p className="q-admin-error" role="alert">
            {errors.sections}
          </p>
        ) : null}
        <ol className="q-admin-sections">
          {sections.map((section, index) => (
            // Index keys: a section has no id; its position is its identity while editing.
            <li key={index} className="q-admin-sections__item">
              <fieldset className="q-admin-fieldset">
                <legend>Section {index + 1}</legend>
                <Field label="Heading" error={errors[`sections.${index}.heading`]}>
                  {(control) => (
                    <input
                      {...control}
                      className="q-input"
                      value={section.heading}
                      maxLength={200}
                      required
                      onChange={(e) => update(index, { heading: e.target.value })}
                    />
                  )}
                </Field>
                <Field
                  label="Text"
                  hint="Plain text; a blank line starts a new paragraph."
                  error={errors[`sections.${index}.body`]}
                >
                  {(control) => (
                    <textarea
                      {...control}
                      className="q-input"
                      rows={5}
                      maxLength={20000}
                      value={section.body}
                      onChange={(e) => update(index, { body: e.target.value })}
                    />
                  )}
                </Field>
                <div className="q-admin-actions">
                  <Button size="small" variant="ghost" disabled={index === 0} onClick={() => move(index, -1)}>
                    Move up<span className="q-visually-hidden">: section {index + 1}</span>
                  </Button>
                  <Button
                    size="small"
                    variant="ghost"
                    disabled={index === sections.length - 1}
                    onClick={() => move(index, 1)}
                  >
                    Move down<span className="q-visually-hidden">: section {index + 1}</span>
                  </Button>
                  <Button
                    size="small"
                    variant="ghost"
                    onClick={() => setSections((current) => current.filter((_, n) => n !== index))}
                  >
                    Remove<span className="q-visually-hidden"> section {index + 1}</span>
                  </Button>
                </div>
              </fieldset>
            </li>
          ))}
        </ol>
        <div className="q-admin-actions">
          <Button
            variant="secondary"
            disabled={sections.length >= MAX_SECTIONS}
            onClick={() => setSections((current) => [...current, { heading: "", body: "" }])}
          >
            Add section
          </Button>
          <Button type="submit" disabled={save.isPending}>
            Save page
          </Button>
        </div>
        {save.error && Object.keys(errors).length === 0 ? (
          <p className="q-admin-error" role="alert">
            {errorMessage(save.error)}
          </p>
        ) : null}
      </form>
      <Preview title={title} sections={sections} />
    </div>
  );
}

/** The static pages (introduction, privacy): their title and sections, with a preview beside the form. */
export function StaticPagesPage() {
  useDocumentTitle("Pages");
  const query = useStaticPages();
  const [slug, setSlug] = useState<string | null>(null);
  const pages = query.data ?? [];
  const current = pages.find((p) => p.slug === slug) ?? pages[0];

  return (
    <section className="q-admin-screen" aria-labelledby="q-admin-pages-title" aria-busy={query.isFetching}>
      <ScreenHeader title="Pages" id="q-admin-pages-title">
        {pages.length > 1 && current ? (
          <SegmentedControl
            label="Page"
            value={current.slug}
            onChange={setSlug}
            options={pages.map((p) => ({ value: p.slug, label: PAGE_NAMES[p.slug] ?? p.slug }))}
          />
        ) : null}
      </ScreenHeader>
      {query.isPending ? (
        <ListSkeleton label="Loading the pages" rows={3} />
      ) : query.isError ? (
        <LoadError
          title="The pages could not be loaded"
          error={query.error}
          onRetry={() => void query.refetch()}
        />
      ) : !current ? (
        <Empty title="No static pages" message="The page service lists none." />
      ) : (
        // Keyed by page and save time: switching pages or saving starts the form from the server's copy.
        <PageEditor key={`${current.slug}:${current.updatedAt ?? ""}`} page={current} />
      )}
    </section>
  );
}
