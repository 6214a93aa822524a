// Which workflow code a replay runs: the worker's prebuilt bundle (what a production worker runs) when it is at
// least as new as the workflow sources, else a bundle made from the sources, exactly as the worker makes it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { workflowSourceOptions } from '@escalade/worker';
import { quietLogger } from './temporal-quiet';

export const REPO_ROOT = path.resolve(__dirname, '../..');
/** Written by `nx build worker` (apps/worker/project.json); the worker uses it when started from the build. */
export const PREBUILT_BUNDLE = path.join(REPO_ROOT, 'dist/apps/worker/workflow-bundle.js');
/** What the bundle is made of, besides node_modules: the workflow and the domain rules it imports. */
const SOURCE_DIRS = ['workflows/src', 'libs/domain/src'];

export interface WorkflowCode {
  code: string;
  /** Where the code came from, for the tools' first line. */
  origin: string;
}

/**
 * Bundles the workflow sources as the worker does (workflowSourceOptions: entry point and @escalade/* aliases);
 * `alias` adds module aliases, e.g. `{ '@temporalio/workflow$': <file> }` to swap the workflow API.
 */
export async function bundleFromSource({ workflowsPath, alias = {} }: { workflowsPath?: string; alias?: Record<string, string> } = {}): Promise<string> {
  const { workflowsPath: sources, bundlerOptions } = workflowSourceOptions();
  const { code } = await bundleWorkflowCode({
    workflowsPath: workflowsPath ?? sources,
    ...bundlerOptions,
    webpackConfigHook: (config) => {
      const hooked = bundlerOptions.webpackConfigHook?.(config) ?? config;
      return { ...hooked, resolve: { ...hooked.resolve, alias: { ...hooked.resolve?.alias, ...alias } } };
    },
    logger: quietLogger,
  });
  return code;
}

/** The newest workflow source file and its modification time. */
export function newestSource(): { file: string; mtimeMs: number } {
  let newest = { file: '', mtimeMs: 0 };
  const visit = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(file);
      else if (file.endsWith('.ts') && !file.endsWith('.spec.ts')) {
        const { mtimeMs } = fs.statSync(file);
        if (mtimeMs > newest.mtimeMs) newest = { file, mtimeMs };
      }
    }
  };
  for (const dir of SOURCE_DIRS) visit(path.join(REPO_ROOT, dir));
  return newest;
}

/**
 * `bundlePath`: that bundle, whatever its age. `fromSource`: bundle the sources. Otherwise the prebuilt bundle
 * unless it is missing or older than a workflow source file (a stale build would report the sources' changes
 * as nondeterminism, or hide them), in which case the sources are bundled.
 */
export async function chooseWorkflowCode(options: { bundlePath?: string; fromSource?: boolean } = {}): Promise<WorkflowCode> {
  const relative = (file: string) => path.relative(process.cwd(), file) || file;
  if (options.bundlePath) {
    return { code: fs.readFileSync(options.bundlePath, 'utf8'), origin: `bundle ${relative(options.bundlePath)}` };
  }
  if (!options.fromSource && fs.existsSync(PREBUILT_BUNDLE)) {
    const built = fs.statSync(PREBUILT_BUNDLE).mtimeMs;
    const source = newestSource();
    if (source.mtimeMs <= built) {
      return { code: fs.readFileSync(PREBUILT_BUNDLE, 'utf8'), origin: `prebuilt bundle ${relative(PREBUILT_BUNDLE)}` };
    }
    const code = await bundleFromSource();
    return {
      code,
      origin: `workflow sources (the prebuilt bundle ${relative(PREBUILT_BUNDLE)} is older than ${relative(source.file)}; \`nx build worker\` refreshes it)`,
    };
  }
  const code = await bundleFromSource();
  return { code, origin: options.fromSource ? 'workflow sources' : 'workflow sources (no prebuilt bundle: `nx build worker` makes one)' };
}
