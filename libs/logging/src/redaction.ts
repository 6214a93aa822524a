/**
 * Where a secret or a person's data may sit in a logged object, by the name Escalade (or the library logging it) gives
 * it. A line never shows them: pino replaces each value with "[Redacted]" (`redact`), whoever logs the object. Text
 * is not searched: a message names no secret and no person (the access log writes a request's method, route and
 * status only, never its headers, query string or body).
 */
const SENSITIVE = [
  // A request's credentials, should its headers be logged: the API's bearer tokens and keys, the console's session.
  'headers.authorization',
  'headers["proxy-authorization"]',
  'headers.cookie',
  'headers["set-cookie"]',
  'headers["x-api-key"]',
  // Tokens, keys and passwords by their usual names (OAuth's, Entra ID's, Temporal's task tokens, webhook secrets).
  'password',
  'secret',
  'token',
  'accessToken',
  'access_token',
  'refreshToken',
  'refresh_token',
  'clientSecret',
  'client_secret',
  'client_assertion',
  'apiKey',
  'taskToken',
  // The secret settings, should a configuration be logged: DATABASE_URL holds the database's password.
  'DATABASE_URL',
  'databaseUrl',
  'SECRETS_ENCRYPTION_KEY',
  'SECRETS_PREVIOUS_KEYS',
  'CREDENTIALS_ENCRYPTION_KEY',
  'PARTNER_CENTER_CLIENT_SECRET',
  'PARTNER_CENTER_REFRESH_TOKEN',
  'PARTNER_CENTER_TOKEN',
  'TEMPORAL_API_KEY',
  'TEMPORAL_TLS_CLIENT_KEY_DATA',
  'METRICS_TOKEN',
  'SMTP_URL',
  'SIMULATOR_CLIENT_SECRET',
  'SIMULATOR_REFRESH_TOKENS',
  'SIMULATOR_TOKEN_SIGNING_KEY',
  // An alert subscription's URL (for Slack or Teams, the URL is the credential) or e-mail address (a person's).
  'subscription.url',
  'delivery.url',
  'subscription.email',
  // Personal data of a ticket: the customer's contact and the customer.
  'contact.name',
  'contact.email',
  'contact.phone',
  'customer.name',
  'customer.domain',
];

/** How deep below a line's top a name is looked for: `err.cause.token`, `request.contact.email`. */
const NESTING = ['', '*.', '*.*.'];

/** pino's `redact.paths`: each sensitive name at the top of a line and nested below it. */
export const REDACTED_PATHS: readonly string[] = NESTING.flatMap((prefix) => SENSITIVE.map((path) => prefix + path));
