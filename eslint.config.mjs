// ESLint 9 flat config for the whole Escalade workspace.
//
// Architecture is enforced with `@nx/enforce-module-boundaries`, driven by the `tags` in each
// project.json:
//   type:app      → apps/api, apps/worker, apps/ms-simulator, apps/console
//   type:workflow → workflows/ (deterministic Temporal code: no I/O, no framework)
//   type:data     → libs/persistence, libs/event-store, libs/alerting, libs/microsoft-support, libs/partner-center
//   type:util     → libs/config, libs/secrets (the key ring: secrets at rest, Temporal payloads), libs/metrics (Prometheus),
//                   libs/logging (pino)
//   type:domain   → libs/domain (pure rules)
//   type:contract → libs/contract (what the API answers: types and constants for its clients, over the domain)
//   type:test     → test/ (project `system-tests`: end-to-end, workflow, replay, console and fault tests)
//   type:tool     → tools/ (project `tools`: the npm scripts, e.g. start, migrate, replay, provisioning)
//   scope:api | scope:worker | scope:simulator | scope:shared (every library, test/ and tools/)
//   scope:console → apps/console, the coordinator's console in the browser: it talks to the API over HTTP
//                   and may import only the pure domain (type:domain), e.g. the read model's fold, and the
//                   API's contract (type:contract)
//
// Boundaries are allow-lists:
//   - workflows/ imports only @temporalio/workflow, @temporalio/common (`allowedExternalImports`), the domain
//     and its own files.
//   - libs/domain and libs/contract import no Node built-in (all of `builtinModules`, bare and `node:`), no
//     framework, Temporal or database.
//   - Test helpers come only from a project's `testing` entry (`@escalade/<project>/testing`, its
//     src/testing/index.ts) or a `testing/` folder, and only into specs, test/, other `testing/` folders,
//     benches and tools/replay (the golden-history kit): never into production code.
//   - test/, tools/ and unit specs reach a library through its entry (or `testing` entry) and an app through
//     its public entry only: `@escalade/api`, `@escalade/worker`, `@escalade/ms-simulator` (src/index.ts) and
//     `@escalade/api/testing`, `@escalade/ms-simulator/testing` (src/testing/index.ts). Nx refuses a relative
//     path into another project and any import of an app, so these entries are `allow`ed for those files alone
//     (production code never imports an app). Two paths are allowed too: test/ runs tools/' scripts as the
//     npm scripts do, and tools/replay captures golden histories with test/support/'s harness.
//
// Note: `bannedExternalImports` and `allowedExternalImports` only see npm packages that are nodes of the Nx
// project graph. Node built-ins are not, so `no-restricted-imports` repeats the bans for the folders of the pure
// projects (see the blocks further down).
import { builtinModules } from 'node:module';
import nx from '@nx/eslint-plugin';

/** The only packages Temporal workflow code may import: everything else performs I/O or drags in a framework. */
const WORKFLOW_ALLOWED_IMPORTS = ['@temporalio/workflow', '@temporalio/common'];

/** The domain stays pure: no framework, no Temporal, no database (Node built-ins: NODE_BUILTINS). */
const DOMAIN_BANNED_IMPORTS = ['@nestjs/*', '@temporalio/*', 'typeorm', 'pg', 'better-sqlite3'];

/** Every Node built-in, bare and with `node:` (the ones that exist only with `node:` are caught by `node:*`). */
const BARE_BUILTINS = builtinModules.filter((name) => !name.startsWith('node:'));
const NODE_BUILTINS = [...BARE_BUILTINS, ...BARE_BUILTINS.map((name) => `node:${name}`)];

/** Turns a list of package globs into `no-restricted-imports` patterns (also catching sub-paths). */
function restrictedImportPatterns(banned, message) {
  return banned.map((name) => ({
    group: name.endsWith('/*') || name.endsWith(':*') ? [name] : [name, `${name}/*`],
    message,
  }));
}

/** `no-restricted-imports` paths refusing every Node built-in. */
function nodeBuiltinPaths(message) {
  return NODE_BUILTINS.map((name) => ({ name, message }));
}

/** A project's test helpers: its `testing` entry, or a relative path into a `testing/` folder. */
const TESTING_IMPORTS = {
  regex: '^(@escalade/[^/]+|\\.\\.?(/[^/]+)*)/testing(/|$)',
  message: 'Test helpers (a `testing` entry or folder) are for specs, test/, benches and tools/replay only.',
};

/** What workflow code imports besides its own files: the two Temporal packages and the domain's main entry. */
const WORKFLOW_IMPORTS = [...WORKFLOW_ALLOWED_IMPORTS, '@escalade/domain'];
const OUTSIDE_WORKFLOW_ALLOW_LIST = `^(?!\\.\\.?(/|$)|(${WORKFLOW_IMPORTS.join('|')})$)`;
const WORKFLOW_MESSAGE = `Workflow code stays deterministic: it imports its own files, ${WORKFLOW_IMPORTS.join(', ')}.`;
const PURE_MESSAGE = 'libs/domain and libs/contract stay pure: no Node built-in, framework, Temporal or database.';

const TS_FILES = ['**/*.ts', '**/*.tsx', '**/*.cts', '**/*.mts'];
const TS_JS_FILES = [...TS_FILES, '**/*.js', '**/*.cjs', '**/*.mjs'];
const UNIT_SPECS = ['apps/**/*.spec.ts', 'libs/**/*.spec.ts', 'workflows/**/*.spec.ts'];
/** Files that may use test helpers. */
const NOT_PRODUCTION = ['**/*.spec.ts', '**/testing/**', '**/bench/**', 'test/**', 'tools/replay/**'];

/** The apps' public entries, for test/, tools/ and unit specs (matched as regular expressions). */
const APP_ENTRIES = ['^@escalade/(api|worker|ms-simulator)$', '^@escalade/(api|ms-simulator)/testing$'];
/** test/ runs the scripts of tools/ as the npm scripts do, by path. */
const TOOLS_BY_PATH = '^(\\.\\./)+tools/';
/** tools/replay captures golden histories with the system tests' harness, by path. */
const TEST_SUPPORT_BY_PATH = '^(\\.\\./)+test/support/';

const LIBRARY_TAGS = ['type:domain', 'type:contract', 'type:data', 'type:util', 'type:workflow'];

function moduleBoundaries(allow) {
  return [
    'error',
    {
      enforceBuildableLibDependency: true,
      allow,
      depConstraints: [
        // --- layers -------------------------------------------------------------------
        { sourceTag: 'type:app', onlyDependOnLibsWithTags: LIBRARY_TAGS },
        { sourceTag: 'type:test', onlyDependOnLibsWithTags: LIBRARY_TAGS },
        { sourceTag: 'type:tool', onlyDependOnLibsWithTags: LIBRARY_TAGS },
        {
          sourceTag: 'type:workflow',
          onlyDependOnLibsWithTags: ['type:domain'],
          allowedExternalImports: WORKFLOW_ALLOWED_IMPORTS,
        },
        {
          sourceTag: 'type:data',
          // persistence composes the event store's tables with its own, and stores libs/alerting's model (formats,
          // statuses, redacted URLs); alerting never imports persistence: its dispatcher reaches the stores by its own tokens
          onlyDependOnLibsWithTags: ['type:domain', 'type:data', 'type:util'],
        },
        {
          sourceTag: 'type:util',
          onlyDependOnLibsWithTags: ['type:domain', 'type:util'],
        },
        {
          sourceTag: 'type:domain',
          onlyDependOnLibsWithTags: ['type:domain'],
          bannedExternalImports: DOMAIN_BANNED_IMPORTS,
        },
        {
          sourceTag: 'type:contract',
          onlyDependOnLibsWithTags: ['type:domain'],
          // Only the domain: no package at all.
          bannedExternalImports: ['*'],
        },
        // --- scopes -------------------------------------------------------------------
        { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
        { sourceTag: 'scope:api', onlyDependOnLibsWithTags: ['scope:api', 'scope:shared'] },
        { sourceTag: 'scope:worker', onlyDependOnLibsWithTags: ['scope:worker', 'scope:shared'] },
        { sourceTag: 'scope:simulator', onlyDependOnLibsWithTags: ['scope:simulator', 'scope:shared'] },
        { sourceTag: 'scope:console', onlyDependOnLibsWithTags: ['type:domain', 'type:contract'] },
      ],
    },
  ];
}

export default [
  {
    ignores: ['**/dist/**', '**/node_modules/**', '**/.nx/**', '**/.temporal/**', '**/data/**', '**/coverage/**'],
  },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    files: TS_JS_FILES,
    rules: { '@nx/enforce-module-boundaries': moduleBoundaries([]) },
  },
  {
    // The @typescript-eslint plugin is registered by flat/typescript for TypeScript files only.
    files: TS_FILES,
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'warn',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
    },
  },
  // `no-restricted-imports`: one block per file wins, so each repeats TESTING_IMPORTS.
  {
    files: TS_JS_FILES,
    ignores: NOT_PRODUCTION,
    rules: { 'no-restricted-imports': ['error', { patterns: [TESTING_IMPORTS] }] },
  },
  {
    files: ['libs/domain/**/*.ts', 'libs/contract/**/*.ts'],
    ignores: NOT_PRODUCTION,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltinPaths(PURE_MESSAGE),
          patterns: [...restrictedImportPatterns([...DOMAIN_BANNED_IMPORTS, 'node:*'], PURE_MESSAGE), TESTING_IMPORTS],
        },
      ],
    },
  },
  {
    files: ['workflows/**/*.ts'],
    ignores: NOT_PRODUCTION,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltinPaths(WORKFLOW_MESSAGE),
          patterns: [{ regex: OUTSIDE_WORKFLOW_ALLOW_LIST, message: WORKFLOW_MESSAGE }, TESTING_IMPORTS],
        },
      ],
    },
  },
  // Unit specs may start an app through its public entry (e.g. Partner Center's specs, the simulator).
  {
    files: UNIT_SPECS,
    rules: { '@nx/enforce-module-boundaries': moduleBoundaries(APP_ENTRIES) },
  },
  {
    files: ['tools/**'],
    rules: { '@nx/enforce-module-boundaries': moduleBoundaries(APP_ENTRIES) },
  },
  {
    files: ['tools/replay/**'],
    rules: { '@nx/enforce-module-boundaries': moduleBoundaries([...APP_ENTRIES, TEST_SUPPORT_BY_PATH]) },
  },
  {
    files: ['test/**'],
    rules: { '@nx/enforce-module-boundaries': moduleBoundaries([...APP_ENTRIES, TOOLS_BY_PATH]) },
  },
];
