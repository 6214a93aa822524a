import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import { EVENT_STORE_ENTITIES, EVENT_STORE_MIGRATIONS } from '@escalade/event-store';
import { AlertEntity } from './alert.entity';
import { AlertDeliveryAttemptEntity, AlertDeliveryEntity } from './alerts/alert-delivery.entity';
import { AlertSubscriptionEntity } from './alerts/alert-subscription.entity';
import { ApiKeyEntity } from './api-keys/api-key.entity';
import { IdempotencyKeyEntity } from './idempotency-keys/idempotency-key.entity';
import { JournalFaultEntity } from './journal-faults/journal-fault.entity';
import { MicrosoftWatchEntity } from './microsoft-watches/microsoft-watch.entity';
import { MIGRATIONS } from './migrations';
import { PartnerCenterCredentialStatusEntity } from './partner-center-credentials/partner-center-credential-status.entity';
import { PartnerCenterCredentialEntity } from './partner-center-credentials/partner-center-credential.entity';
import { ParkedEvent } from './parked-events/parked-event.entity';
import { SupportTopicEntity } from './support-topics/support-topic.entity';
import { ProjectionCheckpoint, TicketRow } from './tickets/ticket-row.entity';

/** Ours and the event store's, each set oldest first. */
export const ALL_MIGRATIONS = [...MIGRATIONS, ...EVENT_STORE_MIGRATIONS];

export const ENTITIES = [
  AlertEntity,
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

export interface DatabaseSettings {
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

/** SQLite under the data folder by default, PostgreSQL when DATABASE_URL is set; the schema comes from migrations. */
export function dataSourceOptions(settings: DatabaseSettings): DataSourceOptions {
  const common = { entities: ENTITIES, migrations: ALL_MIGRATIONS, migrationsRun: false, synchronize: false } as const;
  if (settings.DATABASE_URL) return { ...common, type: 'postgres', url: settings.DATABASE_URL, extra: POSTGRES_POOL };
  fs.mkdirSync(path.dirname(settings.databaseFile), { recursive: true });
  return { ...common, type: 'better-sqlite3', database: settings.databaseFile, enableWAL: true, timeout: SQLITE_BUSY_TIMEOUT_MS };
}
