import * as fs from 'node:fs';
import * as path from 'node:path';
import type { WorkerOptions } from '@temporalio/worker';

const REPO_ROOT = findUp(__dirname, 'tsconfig.base.json');
/**
 * Written by the worker's build target beside the compiled app (dist/apps/worker/); a worker started from the
 * build uses it instead of bundling the sources at start.
 */
export const PREBUILT_BUNDLE = path.resolve(__dirname, '../../../../workflow-bundle.js');
const RUNNING_FROM_BUILD = __filename.endsWith('.js');

function findUp(from: string, file: string): string | undefined {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, file))) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** The workflow entry point and the `@escalade/*` aliases of tsconfig.base.json, handed to Temporal's bundler. */
export function workflowSourceOptions(): Required<Pick<WorkerOptions, 'workflowsPath' | 'bundlerOptions'>> {
  if (!REPO_ROOT) throw new Error('workflow sources not found: run from the repository or build the workflow bundle');
  const tsconfig = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'tsconfig.base.json'), 'utf8'));
  // Exact matches (`name$`), as the tsconfig paths are: webpack would otherwise take `@escalade/x` for a prefix of
  // `@escalade/x/testing` and stop there.
  const alias = Object.fromEntries(
    Object.entries<string[]>(tsconfig.compilerOptions.paths).map(([name, [target]]) => [
      `${name}$`,
      path.join(REPO_ROOT, target),
    ]),
  );
  return {
    workflowsPath: path.join(REPO_ROOT, 'workflows/src/workflows.ts'),
    bundlerOptions: {
      webpackConfigHook: (config) => ({ ...config, resolve: { ...config.resolve, alias: { ...config.resolve?.alias, ...alias } } }),
    },
  };
}

export function workflowCodeOptions(): Pick<WorkerOptions, 'workflowsPath' | 'bundlerOptions' | 'workflowBundle'> {
  return RUNNING_FROM_BUILD && fs.existsSync(PREBUILT_BUNDLE) ? { workflowBundle: { codePath: PREBUILT_BUNDLE } } : workflowSourceOptions();
}
