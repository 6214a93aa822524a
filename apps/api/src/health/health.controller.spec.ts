import { ServiceUnavailableException } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { HealthController } from './health.controller';

describe('HealthController', () => {
  it('answers 503 naming Temporal when no server listens at the address', async () => {
    const client = new Client({ connection: Connection.lazy({ address: '127.0.0.1:1', connectTimeout: '1 second' }) });
    const check = new HealthController(client).check();
    await expect(check).rejects.toThrow(ServiceUnavailableException);
    await expect(check).rejects.toMatchObject({ response: { temporal: 'unreachable' } });
    await client.connection.close();
  }, 15_000);
});
