export { ClientCertificate } from './client-certificate';
export type { CredentialsStatus } from './credentials-status';
export type { ClientCredential } from './entra-token-endpoint';
export * from './partner-center-credentials';
export { credentialsKey, seedHashOf } from './refresh-token-store';
export type { RefreshTokenStore, StoredRefreshToken } from './refresh-token-store';
