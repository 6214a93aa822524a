// The API's public entry for the system tests (test/) and the tools (tools/): how to run it and what it leaves
// behind. main.ts stays the only start; nothing in the API imports this file.
import type { Type } from '@nestjs/common';

export { createApiApp } from './setup-app';
export { LOCAL_ADMIN_KEY_FILE, signInLink } from './auth/local-admin-key';
export { SESSION_COOKIE } from './auth/credential';
export { bodyLimitOf } from './http/body-limits';

/** AppModule, loaded on demand: its configuration module reads the environment as it loads, so set it first. */
export async function loadAppModule(): Promise<Type<unknown>> {
  return (await import('./app.module')).AppModule;
}
