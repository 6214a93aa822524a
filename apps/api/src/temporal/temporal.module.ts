import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Client, Connection } from '@temporalio/client';
import type { AppConfig } from '@escalade/config';

/** One lazy Temporal client for the app: the API starts even while Temporal is down, and /health says so. */
@Global()
@Module({
  providers: [
    {
      provide: Client,
      inject: [ConfigService],
      useFactory: (config: ConfigService<AppConfig, true>) =>
        new Client({
          connection: Connection.lazy({
            address: config.get('TEMPORAL_ADDRESS', { infer: true }),
            // Bounds how long a request (and /health) waits while Temporal is down.
            connectTimeout: '3 seconds',
          }),
          namespace: config.get('TEMPORAL_NAMESPACE', { infer: true }),
        }),
    },
  ],
  exports: [Client],
})
export class TemporalModule implements OnApplicationShutdown {
  constructor(@Inject(Client) private readonly client: Client) {}

  async onApplicationShutdown(): Promise<void> {
    await this.client.connection.close();
  }
}
