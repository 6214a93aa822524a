import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import { EVENT_STORE_ENTITIES, EVENT_STORE_MIGRATIONS } from '@escalade/event-store';
import { keyRingFrom, type KeyRing, type KeySettings } from '@escalade/secrets';
import { AlertDeliveryAttemptEntity, AlertDeliveryEntity } from './alerts/alert-delivery.entity';
import { AlertSubscriptionEntity } from './alerts/alert-subscription.entity';
import { ApiKeyEntity } from './api-keys/api-key.entity';
import { IdempotencyKeyEntity } from './idempotency-keys/idempotency-key.entity';
import { JournalFaultEntity } from './journal-faults/journal-fault.entity';
import { MicrosoftWatchEntity } from './microsoft-watches/microsoft-watch.entity';
import { MIGRATIONS, migrationsWith } from './migrations';
import { PartnerCenterCredentialStatusEntity } from './partner-center-credentials/partner-center-credential-status.entity';
import { PartnerCenterCredentialEntity } from './partner-center-credentials/partner-center-credential.entity';
import { ParkedEvent } from './parked-events/parked-event.entity';
import { SupportTopicEntity } from './support-topics/support-topic.entity';
import { ProjectionCheckpoint, TicketRow } from './tickets/ticket-row.entity';

/** Ours and the event store's, each set oldest first; without the key ring, for databases without secrets to seal. */
export const ALL_MIGRATIONS = [...MIGRATIONS, ...EVENT_STORE_MIGRATIONS];

export const ENTITIES = [
  AlertSubscriptionEntity,
  AlertDeliveryEntity,
  AlertDeliveryAttemptEntity,
  TicketRow,
  ProjectionCheckpoint,
  ParkedEvent,
  MicrosoftWatchEntity,
  JournalFaultEntity,
  IdempotencyKeyEntity,
  PartnerCenterCredentialEntity,
  PartnerCenterCredentialStatusEntity,
  SupportTopicEntity,
  ApiKeyEntity,
  ...EVENT_STORE_ENTITIES,
];

/** The key settings too: a migration seals the secrets stored in clear before (see keyRingFrom). */
export interface DatabaseSettings extends KeySettings {
  /** A postgres:// URL; without it the SQLite file is used. */
  DATABASE_URL?: string;
  databaseFile: string;
}

/**
 * node-postgres waits for ever by default (for a connection to open, for an answer): while the database is down a
 * request must fail within seconds, so that the API answers 503 instead of hanging.
 */
const POSTGRES_POOL = { connectionTimeoutMillis: 3_000, query_timeout: 10_000, statement_timeout: 10_000 };
/** better-sqlite3 waits for a lock synchronously, holding the whole process; writers keep it for milliseconds. */
const SQLITE_BUSY_TIMEOUT_MS = 3_000;

/**
 * In WAL mode `synchronous=NORMAL` syncs at checkpoints, not at every commit: a power loss may lose the last moments of
 * commits but never corrupts the file (sqlite.org/pragma.html#pragma_synchronous), and each commit costs no fsync.
 */
function tuneSqlite(db: { pragma(source: string): unknown }): void {
  db.pragma('synchronous = NORMAL');
}

/**
 * SQLite under the data folder by default, PostgreSQL when DATABASE_URL is set; the schema comes from migrations, which
 * seal with `keyRing` (by default the settings' own, made only if a migration needs it).
 */
export function dataSourceOptions(settings: DatabaseSettings, keyRing: () => KeyRing = once(() => keyRingFrom(settings))): DataSourceOptions {
  const migrations = [...migrationsWith(keyRing), ...EVENT_STORE_MIGRATIONS];
  const common = { entities: ENTITIES, migrations, migrationsRun: false, synchronize: false } as const;
  if (settings.DATABASE_URL) return { ...common, type: 'postgres', url: settings.DATABASE_URL, extra: POSTGRES_POOL };
  fs.mkdirSync(path.dirname(settings.databaseFile), { recursive: true });
  return { ...common, type: 'better-sqlite3', database: settings.databaseFile, enableWAL: true, timeout: SQLITE_BUSY_TIMEOUT_MS, prepareDatabase: tuneSqlite };
}

function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}
