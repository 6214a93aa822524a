import { ConfigError, loadAppConfig } from '../app-config';

/** The problems `load` (the configuration, by default) reports for `env`; throws (failing the test) when it reports none. */
export function problemsOf(env: NodeJS.ProcessEnv, load: (env: NodeJS.ProcessEnv) => unknown = loadAppConfig): string[] {
  try {
    load(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected a ConfigError');
}
