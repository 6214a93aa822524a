import { createContext, type ComponentChildren } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import { ApiError, errorMessage } from '../api/api-error';
import { api } from '../api/client';
import type { Role, SignedIn } from '@escalade/contract';
import { ErrorBanner } from '../ui/error-banner';

const Session = createContext<SignedIn | undefined>(undefined);

/** Who is signed in: only inside SessionGate, which renders its pages once that is known. */
export function useSession(): SignedIn {
  const session = useContext(Session);
  if (!session) throw new Error('useSession() outside <SessionGate>');
  return session;
}

/** Recording a response, changing severity and closing need a coordinator (an admin is one too); a viewer only reads. */
export const canAct = (role: Role): boolean => role === 'coordinator' || role === 'admin';

/**
 * Asks the API who the session is, then renders the pages with it (so a viewer never sees an action form, even for an
 * instant). Without a session the API answers 401 and the client sends the user to the sign-in page.
 */
export function SessionGate({ children }: { children: ComponentChildren }) {
  const [session, setSession] = useState<SignedIn>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    let current = true;
    api.whoAmI().then(
      (signedIn) => current && setSession(signedIn),
      (err: unknown) => current && !(err instanceof ApiError && err.status === 401) && setError(errorMessage(err)),
    );
    return () => {
      current = false;
    };
  }, []);
  if (!session) return <main>{error ? <ErrorBanner message={error} /> : <p class="muted">Loading…</p>}</main>;
  return <Session.Provider value={session}>{children}</Session.Provider>;
}
