/** The worker's Partner Center app credentials as API specs configure them (the API reads them too). */
export const APP_CREDENTIALS = {
  PARTNER_CENTER_CLIENT_ID: 'escalade-app',
  PARTNER_CENTER_CLIENT_SECRET: 'app-secret',
  PARTNER_CENTER_TENANT_ID: 'contoso.onmicrosoft.com',
  PARTNER_CENTER_REFRESH_TOKEN: 'consented',
  // The key's former name, still accepted.
  CREDENTIALS_ENCRYPTION_KEY: Buffer.alloc(32, 4).toString('base64'),
};
