import { Link, useDocumentTitle, useSearchParams } from "@quire/shell-sdk";
import { Button, ListStates } from "@quire/ui";
import { type FormEvent, useEffect, useState } from "react";
import { useSearch } from "../api/browse";
import { postPath } from "../components/PostCard";
import { PostMeta } from "../components/PostMeta";
import { usePageMeta } from "../lib/head";

/** `/search?q=`: full-text results with the server's highlighted title and snippet. */
export function SearchPage() {
  const [params, setParams] = useSearchParams();
  const q = (params.get("q") ?? "").trim();
  const [draft, setDraft] = useState(q);
  useEffect(() => setDraft(q), [q]);
  useDocumentTitle(q ? `Search: ${q}` : "Search");
  usePageMeta({ title: "Search", description: "Search the posts of Quire." });
  const list = useSearch(q);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next = draft.trim();
    setParams(next ? { q: next } : {});
  };

  return (
    <section className="q-blog-page" aria-labelledby="q-blog-search-heading">
      <h1 id="q-blog-search-heading" className="q-blog-page__title">
        {q ? `Results for “${q}”` : "Search"}
      </h1>
      <search>
        <form className="q-blog-search" onSubmit={submit}>
          <label htmlFor="q-blog-search-input" className="q-visually-hidden">
            Search posts
          </label>
          <input
            id="q-blog-search-input"
            type="search"
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            placeholder="Search posts"
            maxLength={200}
          />
          <Button type="submit">Search</Button>
        </form>
      </search>
      {!q ? (
        <p className="q-blog-muted">
          Type a word or two: titles and text are searched, in English and Korean.
        </p>
      ) : (
        <ListStates
          list={list}
          noun="results"
          loadingLabel="Searching"
          errorTitle="The search could not be run"
          emptyTitle="No posts found"
          emptyMessage="Try other words, or browse the categories."
          emptyAction={<Link to="/categories">Browse categories</Link>}
        >
          {(hits) => (
            <div className="q-blog-list">
              {hits.map((hit) => (
                <article key={hit.node.id} className="q-blog-card">
                  <h2 className="q-blog-card__title">
                    <Link to={postPath(hit.node.slug)}>
                      {/* Escaped by the server, only <mark> added */}
                      <span dangerouslySetInnerHTML={{ __html: hit.titleHighlighted }} />
                    </Link>
                  </h2>
                  <PostMeta
                    author={hit.node.author}
                    publishedAt={hit.node.publishedAt}
                    readingMinutes={hit.node.readingMinutes}
                  />
                  {/* Escaped by the server, only <mark> added */}
                  <p className="q-blog-card__excerpt" dangerouslySetInnerHTML={{ __html: hit.snippet }} />
                </article>
              ))}
            </div>
          )}
        </ListStates>
      )}
    </section>
  );
}
