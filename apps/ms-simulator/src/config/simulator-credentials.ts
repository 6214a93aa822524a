// The simulator's Entra ID registration by default: what `npm start` hands the worker and what tests sign in with.
// Nothing here is a secret: they open only the simulator (set SIMULATOR_* to use others).

/** The partner's Microsoft Entra tenant. */
export const SIMULATOR_TENANT_ID = '6f0c4c59-7a1e-4c2b-9d3e-5a8b1c2d3e4f';

/** The registered application (Secure Application Model: a confidential client). */
export const SIMULATOR_CLIENT_ID = '0b3e8f5a-2c4d-4e6f-8a9b-1c2d3e4f5a6b';
export const SIMULATOR_CLIENT_SECRET = 'simulator-client-secret';

/** What the consent, signed in with MFA, gave: redeemed at the token endpoint for access tokens. */
export const SIMULATOR_REFRESH_TOKEN = 'simulator-refresh-token';

/** Partner Center's resource: access tokens carry it as their audience. */
export const PARTNER_CENTER_RESOURCE = 'https://api.partnercenter.microsoft.com';

/** The scopes to ask for, as a Secure Application Model client asks for them. */
export const PARTNER_CENTER_SCOPE = `${PARTNER_CENTER_RESOURCE}/.default offline_access`;

/** The partner's user who consented: the App+User tokens are theirs. */
export const SIMULATOR_SIGNED_IN_USER = {
  objectId: '3c9d1e2f-4a5b-4c6d-8e7f-9a0b1c2d3e4f',
  givenName: 'Ada',
  familyName: 'Admin',
  upn: 'ada.admin@partner.onmicrosoft.com',
} as const;
