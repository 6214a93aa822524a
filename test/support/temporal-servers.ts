import { TypedSearchAttributes } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { SEARCH_ATTRIBUTE_KEYS } from '@escalade/workflows';
import { DEV_SERVER_SQLITE_PRAGMAS } from '../../tools/dev-server-pragmas';

type Executable = { type: 'existing-path'; path: string } | { type: 'cached-download' };

// Paths come from global-setup.cjs; without one the SDK downloads its own server (online machines only).
function executable(envName: string): Executable {
  const path = process.env[envName];
  return path ? { type: 'existing-path', path } : { type: 'cached-download' };
}

/** The time-skipping test server, for workflows whose timers run for hours, with Escalade's search attributes. */
export async function startTimeSkippingServer(): Promise<TestWorkflowEnvironment> {
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: executable('TEMPORAL_TEST_SERVER_PATH') },
  });
  const { IndexedValueType } = temporal.api.enums.v1;
  await env.connection.operatorService.addSearchAttributes({
    namespace: env.namespace ?? 'default',
    searchAttributes: Object.fromEntries(
      SEARCH_ATTRIBUTE_KEYS.map(({ name, type }) => {
        const metadataType = TypedSearchAttributes.toMetadataType(type).toUpperCase();
        return [name, IndexedValueType[`INDEXED_VALUE_TYPE_${metadataType}` as keyof typeof IndexedValueType]];
      }),
    ),
  });
  return env;
}

export interface DevServerOptions {
  /** Its SQLite file, as `npm start` keeps one; in memory by default. */
  dbFilename?: string;
  /** `npm start`'s SQLite pragmas (the default), or none: the baseline `npm run bench:throughput` compares them with. */
  sqlitePragmas?: boolean;
}

/** The Temporal CLI dev server with Escalade's search attributes, for end-to-end tests in real time. */
export function startDevServer({ dbFilename, sqlitePragmas = true }: DevServerOptions = {}): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createLocal({
    server: {
      executable: executable('TEMPORAL_CLI_PATH'),
      searchAttributes: SEARCH_ATTRIBUTE_KEYS,
      dbFilename,
      extraArgs: sqlitePragmas ? DEV_SERVER_SQLITE_PRAGMAS : [],
    },
  });
}
