import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import { EVENT_STORE_ENTITIES, EVENT_STORE_MIGRATIONS } from '@escalade/event-store';
import { AlertEntity } from './alert.entity';
import { AlertDeliveryAttemptEntity, AlertDeliveryEntity } from './alerts/alert-delivery.entity';
import { AlertSubscriptionEntity } from './alerts/alert-subscription.entity';
import { MicrosoftWatchEntity } from './microsoft-watches/microsoft-watch.entity';
import { MIGRATIONS } from './migrations';
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
  MicrosoftWatchEntity,
  ...EVENT_STORE_ENTITIES,
];

export interface DatabaseSettings {
  /** A postgres:// URL; without it the SQLite file is used. */
  DATABASE_URL?: string;
  databaseFile: string;
}

/** SQLite under the data folder by default, PostgreSQL when DATABASE_URL is set; the schema comes from migrations. */
export function dataSourceOptions(settings: DatabaseSettings): DataSourceOptions {
  const common = { entities: ENTITIES, migrations: ALL_MIGRATIONS, migrationsRun: false, synchronize: false } as const;
  if (settings.DATABASE_URL) return { ...common, type: 'postgres', url: settings.DATABASE_URL };
  fs.mkdirSync(path.dirname(settings.databaseFile), { recursive: true });
  return { ...common, type: 'better-sqlite3', database: settings.databaseFile, enableWAL: true };
}
