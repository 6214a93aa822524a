import { useEffect, useState } from 'preact/hooks';
import { errorMessage } from '../api/api-error';
import { api } from '../api/client';
import type { SignInConfig } from '@escalade/contract';
import { navigate } from '../routing/navigation';
import { ErrorBanner } from '../ui/error-banner';
import { finishEntraSignIn, startEntraSignIn } from './entra-sign-in';

/**
 * The fragment's parameters (the local admin key of `npm start`'s link, or Entra's answer), taken out of the address
 * bar at once: out of the history, of bookmarks and of what a screen share shows.
 */
function takeFragment(): URLSearchParams {
  const fragment = new URLSearchParams(location.hash.slice(1));
  if (location.hash) history.replaceState(history.state, '', location.pathname + location.search);
  return fragment;
}

/** Signs the browser in with the credential (the API keeps it in an http-only cookie), then goes to `returnTo`. */
async function signIn(credential: string, returnTo: string): Promise<void> {
  await api.startSession(credential);
  navigate(returnTo, { replace: true });
}

/** `next`: the page to come back to once signed in. */
export function SignInPage({ next }: { next: string }) {
  const [config, setConfig] = useState<SignInConfig>();
  const [busy, setBusy] = useState(true);
  const [error, setError] = useState<string>();

  useEffect(() => {
    const answer = takeFragment();
    void (async () => {
      try {
        const loaded = await api.signInConfig();
        setConfig(loaded);
        const key = answer.get('key');
        if (key) return await signIn(key, next);
        if (loaded.mode === 'entra' && (answer.has('code') || answer.has('error'))) {
          const { accessToken, returnTo } = await finishEntraSignIn(loaded.entra, answer);
          return await signIn(accessToken, returnTo);
        }
      } catch (err) {
        setError(`Not signed in: ${errorMessage(err)}`);
      }
      setBusy(false);
    })();
  }, []);

  /** Runs a sign-in step from a button, showing why it failed. */
  const attempt = (step: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    step().catch((err: unknown) => {
      setError(`Not signed in: ${errorMessage(err)}`);
      setBusy(false);
    });
  };

  return (
    <main class="sign-in">
      <section class="card sign-in-card" aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">Sign in to Escalade</h1>
        <ErrorBanner message={error} />
        {!config && busy && <p class="muted">Signing in…</p>}
        {config?.mode === 'local' && <ApiKeyForm busy={busy} onSubmit={(key) => attempt(() => signIn(key, next))} />}
        {config?.mode === 'entra' && (
          <>
            <p>Escalade signs you in with your Microsoft Entra ID work account.</p>
            <button type="button" class="primary" disabled={busy} onClick={() => attempt(() => startEntraSignIn(config.entra, next))}>
              {busy ? 'Signing in…' : 'Sign in with Microsoft'}
            </button>
          </>
        )}
      </section>
    </main>
  );
}

/** Local mode: no identity provider, so an API key signs the console in. */
function ApiKeyForm({ busy, onSubmit }: { busy: boolean; onSubmit(key: string): void }) {
  const [key, setKey] = useState('');
  const submit = (event: Event) => {
    event.preventDefault();
    if (key.trim()) onSubmit(key.trim());
  };
  return (
    <>
      <p>
        This Escalade runs in <strong>local mode</strong>: no identity provider is configured, so the console signs in with an API key.
      </p>
      <p>
        Open the sign-in link <code>npm start</code> printed (it carries the local admin key), or paste an API key here. The local admin
        key is kept in <code>data/local-admin.key</code> (in <code>DATA_DIR</code>).
      </p>
      <form class="api-key-form" onSubmit={submit}>
        <div class="field">
          <label for="api-key">API key</label>
          <input
            id="api-key"
            type="password"
            autocomplete="off"
            spellcheck={false}
            value={key}
            onInput={(event) => setKey(event.currentTarget.value)}
          />
        </div>
        <button type="submit" disabled={busy || !key.trim()}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </>
  );
}
