import { ConfigError, loadAppConfig } from '../app-config';

/** The problems the configuration reports for `env`; throws (failing the test) when it reports none. */
export function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadAppConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected a ConfigError');
}
