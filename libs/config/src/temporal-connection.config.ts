import { z } from 'zod';

/** A host name, IPv4 address or bracketed IPv6 address, and a port. */
const HOST_PORT = /^(\[[0-9A-Fa-f:.]+\]|[^:/\s[\]]+):(\d{1,5})$/;

const address = z.string().refine((value) => {
  const port = Number(HOST_PORT.exec(value)?.[2]);
  return port >= 1 && port <= 65535;
}, 'must be host:port, e.g. 127.0.0.1:7233 or my-namespace.a1b2c.tmprl.cloud:7233');

/** What a certificate or key in PEM starts with; the content itself is never shown. */
export function looksLikePem(text: string): boolean {
  return text.includes('-----BEGIN ');
}

/** @temporalio/envconfig reads `true` and `1` as on and anything else as off: a typo (`yes`, `on`) is refused, not read as off. */
const flag = z.enum(['true', 'false', '1', '0']);

const pem = (what: string) => z.string().refine(looksLikePem, `must be ${what} in PEM (-----BEGIN …)`);
const filePath = z.string().min(1);

/**
 * Where Temporal is and how to reach it: the variables of the `temporal` CLI, which @temporalio/envconfig reads over the
 * profile of a TOML file (temporal-connection.ts). Certificates are read, and their files checked, when connecting:
 * a deployment's paths exist where it runs, not where its settings are checked.
 */
export const temporalConnectionSchema = {
  /** host:port of the frontend; unset: the profile's, else 127.0.0.1:7233. */
  TEMPORAL_ADDRESS: address.optional(),
  /** Unset: the profile's, else `default`. */
  TEMPORAL_NAMESPACE: z.string().min(1).optional(),
  /** A secret. Sent as `authorization: Bearer …` (Temporal Cloud); turns TLS on unless TEMPORAL_TLS=false. */
  TEMPORAL_API_KEY: z.string().min(1).optional(),
  /** TLS with the system's CAs even without any TEMPORAL_TLS_* file; `false` turns it off whatever else says on. */
  TEMPORAL_TLS: flag.optional(),
  TEMPORAL_TLS_SERVER_CA_CERT_PATH: filePath.optional(),
  TEMPORAL_TLS_SERVER_CA_CERT_DATA: pem('a CA certificate').optional(),
  /** The name the server's certificate must hold, sent as SNI: when it is not the host of TEMPORAL_ADDRESS. */
  TEMPORAL_TLS_SERVER_NAME: z.string().regex(/^[^\s:/]+$/, 'must be a host name, without port').optional(),
  TEMPORAL_TLS_CLIENT_CERT_PATH: filePath.optional(),
  TEMPORAL_TLS_CLIENT_CERT_DATA: pem('a certificate').optional(),
  TEMPORAL_TLS_CLIENT_KEY_PATH: filePath.optional(),
  /** A secret. */
  TEMPORAL_TLS_CLIENT_KEY_DATA: pem('a private key').optional(),
  /** The CLI's; the TypeScript SDK always checks the server's name, so only its off values are taken. */
  TEMPORAL_TLS_DISABLE_HOST_VERIFICATION: flag
    .refine(
      (value) => value === 'false' || value === '0',
      'cannot be honoured: the Temporal TypeScript SDK always verifies the server’s name; set TEMPORAL_TLS_SERVER_NAME to a name its certificate holds',
    )
    .optional(),
  /** The profile of the TOML file to start from; unset: `default`, if the file has one. */
  TEMPORAL_PROFILE: z.string().min(1).optional(),
  /** The TOML file of profiles; unset: the CLI's own (`~/.config/temporalio/temporal.toml` on Linux), if there is one. */
  TEMPORAL_CONFIG_FILE: filePath.optional(),
};
