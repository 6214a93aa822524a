import type { Role } from './auth';

/** An API key as `GET /api-keys` shows it: never the key or its hash. */
export interface ApiKeyView {
  id: string;
  name: string;
  /** The key's lookup prefix: it names the key without granting anything. */
  prefix: string;
  /** Lower-case partner tenant GUIDs, or `['*']`: every partner tenant. */
  partnerTenantIds: string[];
  roles: Role[];
  createdAt: string;
  createdBy: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** `POST /api-keys`: the key itself is in this answer only. */
export type CreatedApiKey = ApiKeyView & { key: string };
