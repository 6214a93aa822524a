import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { type DataSource, IsNull, LessThan, type Repository } from 'typeorm';
import { ApiKeyEntity } from './api-key.entity';

/** What a key may do; each role includes the ones before it. */
export const API_KEY_ROLES = ['viewer', 'coordinator', 'admin'] as const;
export type ApiKeyRole = (typeof API_KEY_ROLES)[number];

/** An API key as shown and authenticated: never its hash, and the key itself only once, from `create`. */
export interface ApiKey {
  id: string;
  name: string;
  /** The key's lookup prefix: safe to show, it names the key without granting anything. */
  prefix: string;
  /** Lower-case partner tenant GUIDs, or '*' for every partner tenant. */
  partnerTenantIds: string[] | '*';
  role: ApiKeyRole;
  createdAt: string;
  createdBy: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface NewApiKey {
  name: string;
  partnerTenantIds: readonly string[] | '*';
  role: ApiKeyRole;
  /** Who creates it: a name. */
  createdBy: string;
}

/**
 * `esk_<prefix>_<secret>`: the prefix is 12 lower-case hex characters (6 random bytes) that find the key's row; the
 * secret is 32 random bytes in base64url (43 characters, which may include `_` and `-`: the prefix's fixed length
 * keeps the parsing unambiguous).
 */
export const API_KEY_PATTERN = /^esk_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

/** The parts of a key in API_KEY_PATTERN's format, or undefined for anything else. */
export function parseApiKey(key: unknown): { prefix: string; secret: string } | undefined {
  if (typeof key !== 'string') return undefined;
  const match = API_KEY_PATTERN.exec(key);
  return match ? { prefix: match[1], secret: match[2] } : undefined;
}

/** `last_used_at` is written at most this often per key: authentication is a read, most of the time. */
const LAST_USED_RESOLUTION_MS = 60_000;
/** A new key's prefix collides with a stored one once in 2^48 draws per stored key: a retry or two is plenty. */
const CREATE_ATTEMPTS = 3;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const NAME_LENGTH = 100;
const CREATED_BY_LENGTH = 200;

/**
 * A plain SHA-256 is enough: the secret is 256 random bits, not a password, so no dictionary or brute force can
 * reverse it, and a slow KDF (bcrypt, scrypt, Argon2) would only slow every request down.
 */
const hashOf = (key: string): Buffer => createHash('sha256').update(key, 'utf8').digest();

/** API keys of machine clients of the HTTP API. Stores each key's SHA-256 only; the key is shown once, by `create`. */
export class ApiKeyStore {
  private readonly keys: Repository<ApiKeyEntity>;

  constructor(
    dataSource: DataSource,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.keys = dataSource.getRepository(ApiKeyEntity);
  }

  /** Generates a key and stores its hash. The returned `key` is the only copy: it cannot be shown again. */
  async create(request: NewApiKey): Promise<{ key: string; apiKey: ApiKey }> {
    const fields = validated(request);
    for (let attempt = 1; ; attempt += 1) {
      const prefix = randomBytes(6).toString('hex');
      const key = `esk_${prefix}_${randomBytes(32).toString('base64url')}`;
      const row: ApiKeyEntity = { id: randomUUID(), prefix, hash: hashOf(key).toString('hex'), ...fields, createdAt: this.now(), lastUsedAt: null, revokedAt: null };
      try {
        await this.keys.insert(row);
        return { key, apiKey: toApiKey(row) };
      } catch (err) {
        if (attempt === CREATE_ATTEMPTS || !(await this.keys.existsBy({ prefix }))) throw err;
      }
    }
  }

  /**
   * The key's record if the key is one of ours and not revoked; undefined otherwise (a malformed key without a query).
   * Records when it was last used, at most once a minute.
   */
  async authenticate(key: string): Promise<ApiKey | undefined> {
    const parsed = parseApiKey(key);
    if (!parsed) return undefined;
    const row = await this.keys.findOneBy({ prefix: parsed.prefix });
    if (!row) return undefined;
    const stored = Buffer.from(row.hash, 'hex');
    const presented = hashOf(key);
    if (stored.length !== presented.length || !timingSafeEqual(stored, presented)) return undefined;
    if (row.revokedAt !== null) return undefined;

    const now = this.clock();
    if (row.lastUsedAt === null || Date.parse(row.lastUsedAt) < now.getTime() - LAST_USED_RESOLUTION_MS) {
      const lastUsedAt = now.toISOString();
      const olderThan = new Date(now.getTime() - LAST_USED_RESOLUTION_MS).toISOString();
      // Conditional, so that concurrent requests of one key write once (ISO 8601 UTC strings sort as their times).
      await this.keys.update([{ id: row.id, lastUsedAt: IsNull() }, { id: row.id, lastUsedAt: LessThan(olderThan) }], { lastUsedAt });
      row.lastUsedAt = lastUsedAt;
    }
    return toApiKey(row);
  }

  /** Every key, newest first, revoked ones included. */
  async list(): Promise<ApiKey[]> {
    const rows = await this.keys.find({ order: { createdAt: 'DESC', id: 'DESC' } });
    return rows.map(toApiKey);
  }

  async get(id: string): Promise<ApiKey | undefined> {
    const row = await this.keys.findOneBy({ id });
    return row ? toApiKey(row) : undefined;
  }

  /** Revokes the key for good; revoking it again keeps the first revocation's time. Undefined for an unknown id. */
  async revoke(id: string): Promise<ApiKey | undefined> {
    await this.keys.update({ id, revokedAt: IsNull() }, { revokedAt: this.now() });
    return this.get(id);
  }

  /**
   * Stores a key generated elsewhere (the local-mode admin key kept in a file) under `id`, unless a row with that id
   * exists: that row is kept as it is (revoked, or holding another key, included), and returned. Safe when several
   * processes ensure the same key at once. Throws if the key is malformed, or its prefix is another id's.
   */
  async ensure({ id, key, ...request }: NewApiKey & { id: string; key: string }): Promise<ApiKey> {
    const parsed = parseApiKey(key);
    if (!parsed) throw new Error(`The API key for ${id} is not in the esk_<prefix>_<secret> format`);
    const fields = validated(request);
    await this.keys
      .createQueryBuilder()
      .insert()
      .values({ id, prefix: parsed.prefix, hash: hashOf(key).toString('hex'), ...fields, createdAt: this.now(), lastUsedAt: null, revokedAt: null })
      .orIgnore()
      .execute();
    const row = await this.keys.findOneBy({ id });
    if (!row) throw new Error(`The API key for ${id} could not be stored: its prefix ${parsed.prefix} belongs to another key`);
    return toApiKey(row);
  }

  private now(): string {
    return this.clock().toISOString();
  }
}

function validated({ name, partnerTenantIds, role, createdBy }: NewApiKey) {
  if (!name.trim() || name.length > NAME_LENGTH) throw new Error(`An API key's name must have 1 to ${NAME_LENGTH} characters`);
  if (!createdBy.trim() || createdBy.length > CREATED_BY_LENGTH) throw new Error(`An API key's creator must have 1 to ${CREATED_BY_LENGTH} characters`);
  if (!API_KEY_ROLES.includes(role)) throw new Error(`An API key's role must be one of ${API_KEY_ROLES.join(', ')}, not ${role}`);
  let tenants: string[] | '*';
  if (partnerTenantIds === '*') tenants = '*';
  else {
    tenants = [...new Set(partnerTenantIds.map((tenantId) => tenantId.toLowerCase()))];
    const invalid = tenants.find((tenantId) => !GUID.test(tenantId));
    if (invalid !== undefined) throw new Error(`An API key's partner tenants must be GUIDs (or '*' for all), not ${JSON.stringify(invalid)}`);
  }
  return { name, role, createdBy, partnerTenantIds: JSON.stringify(tenants === '*' ? ['*'] : tenants) };
}

function toApiKey({ id, name, prefix, partnerTenantIds, role, createdAt, createdBy, lastUsedAt, revokedAt }: ApiKeyEntity): ApiKey {
  const tenants = JSON.parse(partnerTenantIds) as string[];
  return {
    id,
    name,
    prefix,
    partnerTenantIds: tenants.length === 1 && tenants[0] === '*' ? '*' : tenants,
    role: role as ApiKeyRole,
    createdAt,
    createdBy,
    lastUsedAt,
    revokedAt,
  };
}
