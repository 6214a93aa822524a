import { useState } from 'preact/hooks';
import { errorMessage } from '../api/api-error';
import { api } from '../api/client';
import { ROLE_LABELS } from '../format/labels';
import { navigate } from '../routing/navigation';
import { SIGN_IN_PATH } from '../routing/routes';
import { useSession } from './session';

/** Who is signed in, and signing out: the API clears the session cookie (scripts cannot), then the sign-in page. */
export function SessionMenu() {
  const { name, role } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const signOut = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await api.endSession();
      navigate(SIGN_IN_PATH, { replace: true });
    } catch (err) {
      setError(`Not signed out: ${errorMessage(err)}`);
      setBusy(false);
    }
  };
  return (
    <div class="session" data-testid="session">
      <span class="session-name" data-testid="session-name">
        {name}
      </span>
      <span class="badge role" data-testid="session-role">
        {ROLE_LABELS[role]}
      </span>
      {error && (
        <span class="session-error" role="alert">
          {error}
        </span>
      )}
      <button type="button" class="sign-out" disabled={busy} onClick={signOut}>
        Sign out
      </button>
    </div>
  );
}
