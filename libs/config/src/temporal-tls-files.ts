import * as fs from 'node:fs';
import type { ClientConfigTLS, ConfigDataSource } from '@temporalio/envconfig';
import { ConfigError } from './app-config';
import { looksLikePem } from './temporal-connection.config';

/** The certificates and key of a profile's TLS: the variables (`…_PATH`, `…_DATA`) and TOML keys that set each. */
const TLS_FILES = [
  { field: 'serverCACert', variable: 'TEMPORAL_TLS_SERVER_CA_CERT', key: 'server_ca_cert' },
  { field: 'clientCert', variable: 'TEMPORAL_TLS_CLIENT_CERT', key: 'client_cert' },
  { field: 'clientKey', variable: 'TEMPORAL_TLS_CLIENT_KEY', key: 'client_key' },
] as const;

type TlsFile = (typeof TLS_FILES)[number];

/** Both forms of one certificate set at once (envconfig would refuse them naming TOML keys only). */
export function tlsVariableConflicts(variables: Record<string, string>): string[] {
  return TLS_FILES.filter(({ variable }) => variables[`${variable}_PATH`] && variables[`${variable}_DATA`]).map(
    ({ variable }) => `${variable}_PATH, ${variable}_DATA: set one of them, not both`,
  );
}

/**
 * The profile's TLS with its certificates and key read and checked to be PEM. Read here rather than by the SDK, so that
 * every problem is told at once, naming the variable (or the profile's key) and the path, never the content.
 */
export function readTlsFiles(tls: ClientConfigTLS, variables: Record<string, string>, profile: string): ClientConfigTLS {
  const problems: string[] = [];
  const read: ClientConfigTLS = { ...tls };
  for (const file of TLS_FILES) {
    const source = tls[file.field];
    if (!source) continue;
    const data = contentOf(source, originOf(file, source, variables, profile), problems);
    if (data) read[file.field] = { data };
  }
  // The SDK would drop half a pair without a word, and connect without mTLS.
  if (tls.clientCert && !tls.clientKey) problems.push('TEMPORAL_TLS_CLIENT_KEY_PATH (or _DATA): is required with a client certificate');
  if (tls.clientKey && !tls.clientCert) problems.push('TEMPORAL_TLS_CLIENT_CERT_PATH (or _DATA): is required with a client key');
  if (problems.length > 0) throw new ConfigError(problems);
  return read;
}

/** The variable that set it, else the profile's TOML key (the variables override the profile). */
function originOf({ variable, key }: TlsFile, source: ConfigDataSource, variables: Record<string, string>, profile: string): string {
  const form = 'path' in source ? 'PATH' : 'DATA';
  const name = `${variable}_${form}`;
  return variables[name] !== undefined ? name : `tls.${key}_${form.toLowerCase()} of Temporal profile "${profile}"`;
}

function contentOf(source: ConfigDataSource, origin: string, problems: string[]): Uint8Array | undefined {
  const data = 'path' in source ? readSetting(origin, source.path, problems) : Buffer.from(source.data);
  if (!data) return undefined;
  if (looksLikePem(Buffer.from(data).toString('latin1'))) return data;
  problems.push(`${origin}: ${'path' in source ? `${source.path} is not` : 'must be'} PEM (-----BEGIN …)`);
  return undefined;
}

/** The file a setting (`origin`) names, or undefined and a problem naming the setting, the path and why. */
export function readSetting(origin: string, path: string, problems: string[]): Buffer | undefined {
  try {
    return fs.readFileSync(path);
  } catch (err) {
    problems.push(`${origin}: cannot read ${path} (${reasonOf(err)})`);
    return undefined;
  }
}

function reasonOf(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'a directory, not a file';
  return code ?? 'unreadable';
}
