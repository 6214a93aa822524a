import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import { temporalConnection } from '@escalade/config';
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
      inject: [TEMPORAL_DATA_CONVERTER],
      useFactory: (dataConverter: DataConverter) => {
        const temporal = temporalConnection();
        return new Client({
          // Bounds how long a request (and /health) waits while Temporal is down.
          connection: Connection.lazy(temporal.clientOptions({ connectTimeout: '3 seconds' })),
          namespace: temporal.namespace,
          dataConverter,
        });
      },
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
