import * as fs from 'node:fs';
import { z } from 'zod';
import { simulatorContainer } from './container-stack.config';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOMAIN = /^[a-z0-9-]+(\.[a-z0-9-]+)+$/i;


/** The settings of Partner Center's App+User credentials (Secure Application Model), part of the app config's schema. */
export const partnerCenterCredentialsSchema = {
  /** The Entra ID app (client) id. */
  PARTNER_CENTER_CLIENT_ID: z.string().min(1).optional(),
  /** The app's client secret; or a certificate: PARTNER_CENTER_CLIENT_CERTIFICATE_PATH + PARTNER_CENTER_CLIENT_KEY_PATH. */
  PARTNER_CENTER_CLIENT_SECRET: z.string().min(1).optional(),
  /** PEM file of the app's certificate credential. */
  PARTNER_CENTER_CLIENT_CERTIFICATE_PATH: z.string().min(1).optional(),
  /** PEM file of that certificate's unencrypted RSA private key. */
  PARTNER_CENTER_CLIENT_KEY_PATH: z.string().min(1).optional(),
  /** The partner's tenant: its GUID (or a verified domain). */
  PARTNER_CENTER_TENANT_ID: z
    .string()
    .refine((value) => GUID.test(value) || DOMAIN.test(value), 'must be the tenant id (a GUID) or a domain such as contoso.onmicrosoft.com')
    .optional(),
  /** The refresh token obtained once through consent; it seeds the encrypted store, where its successors are kept. */
  PARTNER_CENTER_REFRESH_TOKEN: z.string().min(1).optional(),
  /** Entra ID's authority; our simulator's URL in development (https, or plain http to a simulator: see checkAuthority). */
  ENTRA_AUTHORITY_URL: z.string().url().default('https://login.microsoftonline.com'),
  PARTNER_CENTER_SCOPE: z.string().min(1).default('https://api.partnercenter.microsoft.com/.default offline_access'),
  /** How long before it expires an access token is renewed (at most half its lifetime). */
  PARTNER_CENTER_TOKEN_RENEWAL_SKEW_MS: z.coerce.number().int().min(0).max(3_600_000).default(300_000),
  /**
   * The former name of SECRETS_ENCRYPTION_KEY, still accepted: used as the key when SECRETS_ENCRYPTION_KEY is unset, and
   * otherwise kept to open the refresh tokens it encrypted until `npm run secrets:rotate` re-encrypts them.
   */
  CREDENTIALS_ENCRYPTION_KEY: z
    .string()
    .refine((value) => /^[A-Za-z0-9+/]+={0,2}$/.test(value) && Buffer.from(value, 'base64').length === 32, 'must be 32 bytes in base64 (openssl rand -base64 32)')
    .optional(),
};

type Settings = z.infer<z.ZodObject<typeof partnerCenterCredentialsSchema>> & {
  NODE_ENV: string;
  MICROSOFT_SUPPORT: string;
  PARTNER_CENTER_TOKEN?: string;
  LOCAL_CONTAINER_STACK: boolean;
};

const APP_CREDENTIAL_NAMES = [
  'PARTNER_CENTER_CLIENT_ID',
  'PARTNER_CENTER_CLIENT_SECRET',
  'PARTNER_CENTER_CLIENT_CERTIFICATE_PATH',
  'PARTNER_CENTER_CLIENT_KEY_PATH',
  'PARTNER_CENTER_TENANT_ID',
  'PARTNER_CENTER_REFRESH_TOKEN',
] as const;

/**
 * Partner Center needs either the app credentials, complete (their refresh token is kept encrypted with the key ring:
 * see checkEncryptionKey); or, outside production only, a static PARTNER_CENTER_TOKEN.
 */
export function checkPartnerCenterCredentials(settings: Settings, ctx: z.RefinementCtx): void {
  const problem = (name: string, message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, path: [name], message });
  const production = settings.NODE_ENV === 'production';
  checkAuthority(settings, problem);

  if (settings.PARTNER_CENTER_TOKEN && production) {
    problem('PARTNER_CENTER_TOKEN', 'is for development only, refused with NODE_ENV=production: configure the Partner Center app credentials');
  }
  if (APP_CREDENTIAL_NAMES.some((name) => settings[name] !== undefined)) return checkAppCredentials(settings, problem);
  if (settings.MICROSOFT_SUPPORT === 'partner-center' && (production || !settings.PARTNER_CENTER_TOKEN)) {
    problem(
      'PARTNER_CENTER_CLIENT_ID',
      'the Partner Center app credentials are required when MICROSOFT_SUPPORT=partner-center (PARTNER_CENTER_CLIENT_ID, ' +
        'PARTNER_CENTER_TENANT_ID, PARTNER_CENTER_REFRESH_TOKEN, PARTNER_CENTER_CLIENT_SECRET or a certificate)' +
        (production ? '' : '; PARTNER_CENTER_TOKEN will do for development'),
    );
  }
}

/** Plain http would send the app's secret and refresh token in clear: only to a simulator on this machine, or in its container. */
function checkAuthority(settings: Settings, problem: (name: string, message: string) => void): void {
  if (settings.ENTRA_AUTHORITY_URL === undefined) return;
  const url = new URL(settings.ENTRA_AUTHORITY_URL);
  const secure = url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)) || simulatorContainer(settings, url);
  if (!secure) {
    problem('ENTRA_AUTHORITY_URL', 'must be https (plain http only to the simulator: on loopback, or at its container with LOCAL_CONTAINER_STACK=true outside production)');
  }
}

function checkAppCredentials(settings: Settings, problem: (name: string, message: string) => void): void {
  const required = 'is required with the Partner Center app credentials';
  for (const name of ['PARTNER_CENTER_CLIENT_ID', 'PARTNER_CENTER_TENANT_ID', 'PARTNER_CENTER_REFRESH_TOKEN'] as const) {
    if (settings[name] === undefined) problem(name, required);
  }

  const { PARTNER_CENTER_CLIENT_SECRET: secret, PARTNER_CENTER_CLIENT_CERTIFICATE_PATH: certificate, PARTNER_CENTER_CLIENT_KEY_PATH: key } = settings;
  if (secret !== undefined && (certificate !== undefined || key !== undefined)) {
    problem('PARTNER_CENTER_CLIENT_SECRET', 'give either a client secret or a certificate (PARTNER_CENTER_CLIENT_CERTIFICATE_PATH), not both');
  } else if (secret === undefined && certificate === undefined && key === undefined) {
    problem('PARTNER_CENTER_CLIENT_SECRET', `${required}, unless PARTNER_CENTER_CLIENT_CERTIFICATE_PATH and PARTNER_CENTER_CLIENT_KEY_PATH are set`);
  }
  if (certificate !== undefined && key === undefined) problem('PARTNER_CENTER_CLIENT_KEY_PATH', 'is required with PARTNER_CENTER_CLIENT_CERTIFICATE_PATH');
  if (key !== undefined && certificate === undefined) problem('PARTNER_CENTER_CLIENT_CERTIFICATE_PATH', 'is required with PARTNER_CENTER_CLIENT_KEY_PATH');
  for (const name of ['PARTNER_CENTER_CLIENT_CERTIFICATE_PATH', 'PARTNER_CENTER_CLIENT_KEY_PATH'] as const) {
    const file = settings[name];
    if (file !== undefined && !readable(file)) problem(name, 'cannot read this file');
  }
}

function readable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.R_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
