import type { RedirectTarget } from '@escalade/domain';

/** Where a redirected request goes instead of Microsoft: a `<dl>`'s term and its description, with every way to reach it. */
export function RedirectFacts({ redirect }: { redirect: RedirectTarget }) {
  return (
    <>
      <dt>Redirected to</dt>
      <dd data-testid="redirect-target">
        {redirect.name}
        {redirect.url && (
          <>
            {' · '}
            <a href={redirect.url} target="_blank" rel="noreferrer">
              {redirect.url}
            </a>
          </>
        )}
        {redirect.email && (
          <>
            {' · '}
            <a href={`mailto:${redirect.email}`}>{redirect.email}</a>
          </>
        )}
        {redirect.phone && (
          <>
            {' · '}
            <a href={`tel:${redirect.phone.replace(/[^+\d]/g, '')}`}>{redirect.phone}</a>
          </>
        )}
      </dd>
    </>
  );
}
