import { z } from 'zod';
import { trustProxy } from './trust-proxy.config';
import { allowedHostProblem } from './alert-allowed-hosts';

const base64Key = z
  .string()
  .refine((value) => /^[A-Za-z0-9+/]+={0,2}$/.test(value) && Buffer.from(value, 'base64').length === 32, 'must be 32 bytes in base64 (openssl rand -base64 32)');

const list = z.string().transform((value) => value.split(',').map((item) => item.trim()).filter(Boolean));

const allowedHost = z.string().superRefine((entry, ctx) => {
  const problem = allowedHostProblem(entry);
  if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
});

/** Keys for secrets at rest and Temporal payloads, what outbound requests may reach, and rate limits. */
export const securitySchema = {
  /**
   * 32 random bytes in base64 (`openssl rand -base64 32`): encrypts secrets at rest (webhook secrets, Partner Center
   * refresh tokens) and customer data in Temporal payloads. Required in production; local mode makes one in
   * `DATA_DIR/secrets.key`.
   */
  SECRETS_ENCRYPTION_KEY: base64Key.optional(),
  /** Former keys, comma-separated: they still decrypt what they encrypted until `npm run secrets:rotate` re-encrypts it. */
  SECRETS_PREVIOUS_KEYS: list.pipe(z.array(base64Key)).optional(),
  /**
   * Host names, IP addresses or CIDRs (comma-separated) that alert receivers may be at although they are internal
   * (loopback, private, link-local …): unset or empty, no internal destination is admitted, in every mode.
   */
  ALERT_ALLOWED_HOSTS: list.pipe(z.array(allowedHost)).optional(),
  /** Requests a minute per authenticated principal (429 with Retry-After beyond). */
  RATE_LIMIT_PER_PRINCIPAL: z.coerce.number().int().min(1).max(1_000_000).default(600),
  /** Requests a minute per client IP address without credentials. */
  RATE_LIMIT_PER_IP: z.coerce.number().int().min(1).max(1_000_000).default(60),
  /** The reverse proxies in front of the API (unset: none, the socket's address is the client's): see trust-proxy.config. */
  TRUST_PROXY: trustProxy.optional(),
};
