// ESLint 9 flat config for the whole Escalade workspace.
//
// Architecture is enforced with `@nx/enforce-module-boundaries`, driven by the `tags` in each
// project.json:
//   type:app      → apps/api, apps/worker, apps/ms-simulator, apps/console
//   type:workflow → workflows/ (deterministic Temporal code: no I/O, no framework)
//   type:data     → libs/persistence, libs/event-store, libs/microsoft-support, libs/partner-center
//   type:util     → libs/config, libs/secrets (the key ring: secrets at rest, Temporal payloads)
//   type:domain   → libs/domain (pure rules)
//   scope:api | scope:worker | scope:simulator | scope:shared
//   scope:console → apps/console, the coordinator's console in the browser: it talks to the API over HTTP
//                   and may import only the pure domain (type:domain), e.g. the read model's fold
//
// Note: `bannedExternalImports` only sees npm packages that are nodes of the Nx project graph.
// Node built-ins (`fs`, `node:*`, `crypto`, …) are not graph nodes, so the same bans are repeated
// with `no-restricted-imports` for the folders of the pure projects (see the blocks further down).
import nx from '@nx/eslint-plugin';

/** Everything that performs I/O or drags in a framework: forbidden in Temporal workflow code. */
const WORKFLOW_BANNED_IMPORTS = [
  '@nestjs/*',
  'typeorm',
  'pg',
  'better-sqlite3',
  '@temporalio/client',
  '@temporalio/worker',
  '@temporalio/activity',
  '@temporalio/testing',
  'fs',
  'node:*',
  'http',
  'https',
  'net',
  'child_process',
  'crypto',
];

/** The domain stays pure: no framework, no Temporal, no database, no file system. */
const DOMAIN_BANNED_IMPORTS = ['@nestjs/*', '@temporalio/*', 'typeorm', 'pg', 'better-sqlite3', 'node:*', 'fs'];

/** Turns a list of package globs into `no-restricted-imports` patterns (also catching sub-paths). */
function restrictedImportPatterns(banned, message) {
  return banned.map((name) => ({
    group: name.endsWith('/*') || name.endsWith(':*') ? [name] : [name, `${name}/*`],
    message,
  }));
}

const TS_FILES = ['**/*.ts', '**/*.tsx', '**/*.cts', '**/*.mts'];
const TS_JS_FILES = [...TS_FILES, '**/*.js', '**/*.cjs', '**/*.mjs'];
const TEST_FILES = ['**/*.spec.ts', '**/*.test.ts', 'test/**'];

export default [
  {
    ignores: ['**/dist/**', '**/node_modules/**', '**/.nx/**', '**/.temporal/**', '**/data/**', '**/coverage/**'],
  },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    files: TS_JS_FILES,
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: [],
          depConstraints: [
            // --- layers -------------------------------------------------------------------
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: ['type:domain', 'type:data', 'type:util', 'type:workflow'],
            },
            {
              sourceTag: 'type:workflow',
              onlyDependOnLibsWithTags: ['type:domain'],
              bannedExternalImports: WORKFLOW_BANNED_IMPORTS,
            },
            {
              sourceTag: 'type:data',
              // persistence composes the event store's tables with its own
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
            // --- scopes -------------------------------------------------------------------
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:api', onlyDependOnLibsWithTags: ['scope:api', 'scope:shared'] },
            { sourceTag: 'scope:worker', onlyDependOnLibsWithTags: ['scope:worker', 'scope:shared'] },
            { sourceTag: 'scope:simulator', onlyDependOnLibsWithTags: ['scope:simulator', 'scope:shared'] },
            { sourceTag: 'scope:console', onlyDependOnLibsWithTags: ['type:domain'] },
          ],
        },
      ],
    },
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
  // Backstop for Node built-ins, which `bannedExternalImports` cannot see (not project-graph nodes).
  {
    files: ['libs/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: restrictedImportPatterns(
            DOMAIN_BANNED_IMPORTS,
            'libs/domain (type:domain) holds pure rules: no framework, Temporal, database or file-system imports.',
          ),
        },
      ],
    },
  },
  {
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: restrictedImportPatterns(
            WORKFLOW_BANNED_IMPORTS,
            'Temporal workflow code must be deterministic: import only @temporalio/workflow, @temporalio/common and @escalade/domain.',
          ),
        },
      ],
    },
  },
  // Tests (unit specs anywhere, end-to-end tests under test/) may import whatever they need.
  {
    files: TEST_FILES,
    rules: {
      '@nx/enforce-module-boundaries': 'off',
      'no-restricted-imports': 'off',
    },
  },
];
