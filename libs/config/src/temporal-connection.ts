import type { ConnectionOptions } from '@temporalio/client';
import { loadClientConfigProfile, toClientOptions, type ClientConfigProfile } from '@temporalio/envconfig';
import type { NativeConnectionOptions } from '@temporalio/worker';
import { ConfigError } from './app-config';
import { readSetting, readTlsFiles, tlsVariableConflicts } from './temporal-tls-files';

const DEFAULT_ADDRESS = '127.0.0.1:7233';
const DEFAULT_NAMESPACE = 'default';
const DEFAULT_PROFILE = 'default';
const GRPC_META = 'TEMPORAL_GRPC_META_';

/** What a client's Connection and a worker's NativeConnection both take to reach the server. */
type ServerReach = Pick<NativeConnectionOptions, 'tls' | 'apiKey' | 'metadata'> & { address: string };

/** One Temporal server and namespace, as the API, the worker and the tools reach it. */
export interface TemporalConnection {
  readonly address: string;
  readonly namespace: string;
  /** Address, namespace and how the connection is secured, for logs: never a secret. */
  readonly description: string;
  /** For `Connection.connect` and `Connection.lazy` (clients). */
  clientOptions(options?: Pick<ConnectionOptions, 'connectTimeout'>): ConnectionOptions;
  /** For `NativeConnection.connect` (workers). */
  workerOptions(): NativeConnectionOptions;
}

/**
 * The Temporal server the environment names, read as the `temporal` CLI reads it (@temporalio/envconfig): the profile
 * TEMPORAL_PROFILE names (else `default`) of TEMPORAL_CONFIG_FILE (else the CLI's own file, if any), under TEMPORAL_ADDRESS,
 * TEMPORAL_NAMESPACE, TEMPORAL_API_KEY, TEMPORAL_TLS* and TEMPORAL_GRPC_META_*. An API key turns TLS on, as in the SDK.
 * Certificates are read now: a ConfigError names each one missing, unreadable or not PEM.
 */
export function temporalConnection(env: NodeJS.ProcessEnv = process.env): TemporalConnection {
  const variables = setVariables(env);
  const profileName = variables.TEMPORAL_PROFILE ?? DEFAULT_PROFILE;
  const profile = loadProfile(variables, profileName);
  const tls = profile.tls && readTlsFiles(profile.tls, variables, profileName);
  const { namespace = DEFAULT_NAMESPACE, connectionOptions } = toClientOptions({ ...profile, tls });
  const { address = DEFAULT_ADDRESS, apiKey, metadata } = connectionOptions;
  const reach: ServerReach = {
    address,
    ...(connectionOptions.tls != null && { tls: connectionOptions.tls }),
    ...(typeof apiKey === 'string' && { apiKey }),
    ...(metadata && { metadata }),
  };
  return {
    address,
    namespace,
    description: `${address}, namespace ${namespace}, ${security(reach)}`,
    clientOptions: (options = {}) => ({ ...reach, ...options }),
    workerOptions: () => ({ ...reach }),
  };
}

/**
 * The environment without its empty variables, which the validator takes as unset (compose's `${TEMPORAL_API_KEY:-}` must
 * not send an empty key); an empty TEMPORAL_GRPC_META_* keeps its envconfig meaning: drop the profile's header.
 */
function setVariables(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined && (entry[1] !== '' || entry[0].startsWith(GRPC_META))),
  );
}

function loadProfile(variables: Record<string, string>, profileName: string): ClientConfigProfile {
  const problems = tlsVariableConflicts(variables);
  const file = variables.TEMPORAL_CONFIG_FILE;
  // envconfig takes a missing TEMPORAL_CONFIG_FILE for an empty one: read here, a wrong path is an error.
  const data = file === undefined ? undefined : readSetting('TEMPORAL_CONFIG_FILE', file, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  try {
    return loadClientConfigProfile({ overrideEnvVars: variables, ...(data && { configSource: { data } }) });
  } catch (err) {
    // Its first line only: the TOML parser quotes the offending line of the file, which may hold an API key.
    const reason = String((err as Error).message).split('\n')[0];
    throw new ConfigError([`Temporal profile "${profileName}" (${file ?? 'the temporal CLI’s config file'}): ${reason}`]);
  }
}

function security({ tls, apiKey }: ServerReach): string {
  const transport = !tls ? 'no TLS' : typeof tls === 'object' && tls.clientCertPair ? 'mTLS' : 'TLS';
  return apiKey ? `${transport}, API key` : transport;
}
