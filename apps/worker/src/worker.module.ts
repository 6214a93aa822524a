import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfigModule, type AppConfig } from '@escalade/config';
import { MicrosoftSupport, SimulatedMicrosoftSupport } from '@escalade/microsoft-support';
import { AlertStore, dataSourceOptions } from '@escalade/persistence';
import { TemporalWorkerService } from './temporal/temporal-worker.service';

@Module({
  imports: [
    AppConfigModule,
    TypeOrmModule.forRootAsync({
      inject: [ConfigService],
      // The worker owns the schema: it applies pending migrations before it polls.
      useFactory: (config: ConfigService<AppConfig, true>) => ({
        ...dataSourceOptions({
          DATABASE_URL: config.get('DATABASE_URL', { infer: true }),
          databaseFile: config.get('databaseFile', { infer: true }),
        }),
        migrationsRun: true,
      }),
    }),
  ],
  providers: [
    { provide: MicrosoftSupport, useFactory: () => new SimulatedMicrosoftSupport() },
    { provide: AlertStore, inject: [DataSource], useFactory: (dataSource: DataSource) => new AlertStore(dataSource) },
    TemporalWorkerService,
  ],
})
export class WorkerModule {}
