// The encrypted golden histories: a few scenarios captured with payload encryption on, as production runs
// (`npm run histories:capture -- --encrypted`), under a test key of their own, and stored in test/histories/encrypted/.
// The replay suite and `npm run replay` replay them with that key: encrypted histories replay like the others, and
// only with the key they were encrypted under.
import * as path from 'node:path';
import type { DataConverter } from '@temporalio/common';
import { dataConverterFor, decodeKey, KeyRing } from '@escalade/secrets';

/**
 * The key the encrypted golden histories are encrypted under: a test key, public on purpose (the histories hold the
 * test fixtures only). Never configure it as SECRETS_ENCRYPTION_KEY.
 */
export const GOLDEN_HISTORIES_KEY = '/TogvB2AGxEPj9WTFVZQ2zbi11UCaTyjYAeCU3J2xEw=';

export const ENCRYPTED_HISTORIES_DIR = path.resolve(__dirname, '../../test/histories/encrypted');

/**
 * The scenarios captured encrypted too: signals and updates from a coordinator (with who did them), Microsoft's notes
 * through the watch poller, a breach and its escalation, a refusal, and a worker restarted mid-ticket (its own worker,
 * which replays the ticket through the codec).
 */
export const ENCRYPTED_SCENARIOS: readonly string[] = [
  'answered-in-time',
  'acted-on-by-principals',
  'severity-raised-breaches-at-once',
  'follow-up-after-answer',
  'breach-level-1',
  'refused-as-invalid',
  'answered-just-before-due',
];

export function goldenHistoriesKeyRing(): KeyRing {
  return new KeyRing(decodeKey(GOLDEN_HISTORIES_KEY) as Buffer);
}

/** What the encrypted golden histories are captured and replayed with. */
export function goldenHistoriesDataConverter(): DataConverter {
  return dataConverterFor(goldenHistoriesKeyRing());
}
