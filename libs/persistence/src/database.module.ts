import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { AppConfig } from '@escalade/config';
import { EventStore } from '@escalade/event-store';
import { AlertDeliveries, AlertSubscriptions } from '@escalade/alerting';
import { KeyRing, keyRingFrom, type KeySettings } from '@escalade/secrets';
import { ApiKeyStore } from './api-keys/api-key.store';
import { AlertDeliveryStore } from './alerts/alert-delivery.store';
import { AlertSubscriptionStore } from './alerts/alert-subscription.store';
import { dataSourceOptions } from './data-source-options';
import { IdempotencyKeyStore } from './idempotency-keys/idempotency-key.store';
import { JournalFaultStore } from './journal-faults/journal-fault.store';
import { migrateSchema } from './migrations/migrate-schema';
import { MicrosoftWatchStore } from './microsoft-watches/microsoft-watch.store';
import { PartnerCenterCredentialStore } from './partner-center-credentials/partner-center-credential.store';
import { SupportTopicStore } from './support-topics/support-topic.store';
import { ticketEventStore } from './tickets/ticket-event-store';
import { TicketsProjection } from './tickets/tickets.projection';
import { SlaSummaryQuery } from './tickets/sla-summary.query';
import { TicketsQuery } from './tickets/tickets.query';

type Config = ConfigService<AppConfig, true>;

/** The configured keys: SECRETS_ENCRYPTION_KEY (required in production), else local mode's `DATA_DIR/secrets.key`. */
function keySettingsOf(config: Config): KeySettings {
  return {
    NODE_ENV: config.get('NODE_ENV', { infer: true }),
    DATA_DIR: config.get('DATA_DIR', { infer: true }),
    SECRETS_ENCRYPTION_KEY: config.get('SECRETS_ENCRYPTION_KEY', { infer: true }),
    SECRETS_PREVIOUS_KEYS: config.get('SECRETS_PREVIOUS_KEYS', { infer: true }),
    CREDENTIALS_ENCRYPTION_KEY: config.get('CREDENTIALS_ENCRYPTION_KEY', { infer: true }),
  };
}

/**
 * Our tables for a NestJS app: the DataSource, the alert stores (also as what @escalade/alerting delivers from), the
 * event store, the tickets read model, the Microsoft watches; and the KeyRing that seals the secrets kept in them.
 */
@Module({})
export class DatabaseModule {
  /** `runMigrations`: only the worker applies pending migrations, so two apps never race to do it. */
  static forRoot({ runMigrations }: { runMigrations: boolean }): DynamicModule {
    return {
      module: DatabaseModule,
      global: true,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (config: Config) => ({
            ...dataSourceOptions({
              DATABASE_URL: config.get('DATABASE_URL', { infer: true }),
              databaseFile: config.get('databaseFile', { infer: true }),
              ...keySettingsOf(config),
            }),
          }),
          // Migrated under a lock before anything else gets the data source, by the one app that migrates.
          dataSourceFactory: async (options) => {
            const dataSource = await new DataSource(options as DataSourceOptions).initialize();
            if (runMigrations) await migrateSchema(dataSource);
            return dataSource;
          },
        }),
      ],
      providers: [
        { provide: KeyRing, inject: [ConfigService], useFactory: (config: Config) => keyRingFrom(keySettingsOf(config)) },
        {
          provide: AlertSubscriptionStore,
          inject: [DataSource, KeyRing],
          useFactory: (dataSource: DataSource, keyRing: KeyRing) => new AlertSubscriptionStore(dataSource, keyRing),
        },
        {
          provide: AlertDeliveryStore,
          inject: [DataSource],
          useFactory: (dataSource: DataSource) => new AlertDeliveryStore(dataSource),
        },
        // What AlertingModule (@escalade/alerting) delivers from.
        { provide: AlertSubscriptions, useExisting: AlertSubscriptionStore },
        { provide: AlertDeliveries, useExisting: AlertDeliveryStore },
        { provide: EventStore, inject: [DataSource], useFactory: ticketEventStore },
        {
          provide: TicketsProjection,
          inject: [DataSource],
          useFactory: (dataSource: DataSource) => new TicketsProjection(dataSource),
        },
        { provide: TicketsQuery, inject: [DataSource], useFactory: (dataSource: DataSource) => new TicketsQuery(dataSource) },
        { provide: SlaSummaryQuery, inject: [DataSource], useFactory: (dataSource: DataSource) => new SlaSummaryQuery(dataSource) },
        {
          provide: MicrosoftWatchStore,
          inject: [DataSource],
          useFactory: (dataSource: DataSource) => new MicrosoftWatchStore(dataSource),
        },
        { provide: JournalFaultStore, inject: [DataSource], useFactory: (dataSource: DataSource) => new JournalFaultStore(dataSource) },
        { provide: SupportTopicStore, inject: [DataSource], useFactory: (dataSource: DataSource) => new SupportTopicStore(dataSource) },
        { provide: ApiKeyStore, inject: [DataSource], useFactory: (dataSource: DataSource) => new ApiKeyStore(dataSource) },
        {
          provide: IdempotencyKeyStore,
          inject: [DataSource],
          useFactory: (dataSource: DataSource) => new IdempotencyKeyStore(dataSource),
        },
        {
          provide: PartnerCenterCredentialStore,
          inject: [DataSource, KeyRing],
          useFactory: (dataSource: DataSource, keyRing: KeyRing) => new PartnerCenterCredentialStore(dataSource, keyRing),
        },
      ],
      exports: [
        KeyRing,
        ApiKeyStore,
        AlertSubscriptionStore,
        AlertDeliveryStore,
        AlertSubscriptions,
        AlertDeliveries,
        EventStore,
        TicketsProjection,
        TicketsQuery,
        SlaSummaryQuery,
        MicrosoftWatchStore,
        JournalFaultStore,
        IdempotencyKeyStore,
        PartnerCenterCredentialStore,
        SupportTopicStore,
      ],
    };
  }
}
