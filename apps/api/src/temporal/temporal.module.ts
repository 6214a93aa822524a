import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Client, Connection } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import type { AppConfig } from '@escalade/config';
import { dataConverterFor, KeyRing } from '@escalade/secrets';

/** The data converter of the API's Temporal client (payloads encrypted under the key ring), which /codec applies too. */
export const TEMPORAL_DATA_CONVERTER = Symbol('TemporalDataConverter');

/** One lazy Temporal client for the app: the API starts even while Temporal is down, and /health says so. */
@Global()
@Module({
  providers: [
    // The key ring DatabaseModule provides (the secrets at rest are sealed with it too): the worker's, from the same settings.
    { provide: TEMPORAL_DATA_CONVERTER, inject: [KeyRing], useFactory: (keyRing: KeyRing): DataConverter => dataConverterFor(keyRing) },
    {
      provide: Client,
      inject: [ConfigService, TEMPORAL_DATA_CONVERTER],
      useFactory: (config: ConfigService<AppConfig, true>, dataConverter: DataConverter) =>
        new Client({
          connection: Connection.lazy({
            address: config.get('TEMPORAL_ADDRESS', { infer: true }),
            // Bounds how long a request (and /health) waits while Temporal is down.
            connectTimeout: '3 seconds',
          }),
          namespace: config.get('TEMPORAL_NAMESPACE', { infer: true }),
          dataConverter,
        }),
    },
  ],
  exports: [Client, TEMPORAL_DATA_CONVERTER],
})
export class TemporalModule implements OnApplicationShutdown {
  constructor(@Inject(Client) private readonly client: Client) {}

  async onApplicationShutdown(): Promise<void> {
    await this.client.connection.close();
  }
}
