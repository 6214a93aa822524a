import type { DataSource } from 'typeorm';
import type { KeyRing } from '@escalade/secrets';
import { AlertSubscriptionStore } from './alerts/alert-subscription.store';
import { PartnerCenterCredentialStore } from './partner-center-credentials/partner-center-credential.store';

/** Of one kind of sealed value: how many are stored, and how many were sealed again under the current key. */
export interface ResealCount {
  sealed: number;
  resealed: number;
}

/** Every kind of value sealed at rest; a new one is added here, for `npm run secrets:rotate`. */
export interface ResealReport {
  alertSubscriptionCredentials: ResealCount;
  partnerCenterRefreshTokens: ResealCount;
}

/**
 * Seals again under the key ring's current key every value an older key sealed (after a rotation: the new key current,
 * the old ones kept as previous keys until this has run). Idempotent: a second run reseals nothing.
 */
export async function resealSecrets(dataSource: DataSource, keyRing: KeyRing): Promise<ResealReport> {
  return {
    alertSubscriptionCredentials: await new AlertSubscriptionStore(dataSource, keyRing).resealStale(),
    partnerCenterRefreshTokens: await new PartnerCenterCredentialStore(dataSource, keyRing).resealStale(),
  };
}
