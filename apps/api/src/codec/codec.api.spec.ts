import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Module } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import request from 'supertest';
import { appConfigModule } from '@escalade/config';
import { DatabaseModule } from '@escalade/persistence';
import { dataConverterFor, decodeKey, KeyRing, keyRingFrom, newKey } from '@escalade/secrets';
import { AuthModule } from '../auth/auth.module';
import { LocalMode } from '../auth/local-mode';
import { anApiKey, httpAs } from '../auth/testing/api-keys';
import { createApiApp } from '../setup-app';
import { TemporalModule } from '../temporal/temporal.module';
import { CodecModule } from './codec.module';
import type { JsonPayload } from './dto/codec-payloads.dto';

const UI = 'http://127.0.0.1:8299';
const PARTNER = '0a1b2c3d-0000-4000-8000-00000000000a';
const TICKET = { customer: { name: 'Northwind Traders' }, contact: { email: 'grace@northwind.example' }, description: 'Disks full' };

const toJson = ({ metadata, data }: Payload): JsonPayload => ({
  metadata: Object.fromEntries(Object.entries(metadata ?? {}).map(([name, value]) => [name, Buffer.from(value).toString('base64')])),
  data: Buffer.from(data ?? []).toString('base64'),
});
const fromJson = ({ metadata, data }: JsonPayload): Payload => ({
  metadata: Object.fromEntries(Object.entries(metadata ?? {}).map(([name, value]) => [name, Buffer.from(value, 'base64')])),
  data: Buffer.from(data ?? '', 'base64'),
});
const jsonOf = (value: unknown) => toJson(defaultPayloadConverter.toPayload(value));
const valueOf = (payload: JsonPayload) => defaultPayloadConverter.fromPayload(fromJson(payload));
const metadataOf = (payload: JsonPayload, name: string) => Buffer.from(payload.metadata?.[name] ?? '', 'base64').toString('utf8');

describe('codec endpoint (CodecModule with the auth guard, local mode, on a SQLite file)', () => {
  let app: NestExpressApplication;
  let dataDir: string;
  let admin: string;
  const savedEnv = process.env;
  const anonymous = () => request(app.getHttpServer());

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'escalade-codec-'));
    process.env = { ...savedEnv, DATA_DIR: dataDir, TEMPORAL_UI_URL: `${UI}/namespaces` };
    delete process.env.DATABASE_URL;
    delete process.env.SECRETS_ENCRYPTION_KEY;
    @Module({ imports: [appConfigModule(), TemporalModule, DatabaseModule.forRoot({ runMigrations: true }), AuthModule, CodecModule] })
    class CodecAppModule {}
    app = await createApiApp(CodecAppModule, { logger: false });
    await app.init();
    admin = app.get(LocalMode).adminKey as string;
  });

  afterAll(async () => {
    await app?.close();
    process.env = savedEnv;
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  describe('the protocol', () => {
    it('encrypts payloads under the key of the data folder, and decrypts them again', async () => {
      const { body: encoded } = await httpAs(app, admin).post('/codec/encode').send({ payloads: [jsonOf(TICKET), jsonOf('second')] }).expect(200);

      expect(encoded.payloads).toHaveLength(2);
      expect(metadataOf(encoded.payloads[0], 'encoding')).toBe('binary/encrypted');
      expect(metadataOf(encoded.payloads[0], 'encryption-key-id')).toBe(keyRingFrom({ NODE_ENV: 'test', DATA_DIR: dataDir }).currentKeyId);
      expect(Buffer.from(encoded.payloads[0].data, 'base64').toString('latin1')).not.toContain('Northwind');

      const { body: decoded } = await httpAs(app, admin).post('/codec/decode').set('X-Namespace', 'default').send(encoded).expect(200);
      expect(decoded.payloads.map(valueOf)).toEqual([TICKET, 'second']);
    });

    it("decrypts what our workers and clients encrypted: they read the same key (local mode's DATA_DIR/secrets.key)", async () => {
      const [codec] = dataConverterFor(keyRingFrom({ NODE_ENV: 'test', DATA_DIR: dataDir })).payloadCodecs ?? [];
      const encrypted = (await codec.encode([defaultPayloadConverter.toPayload(TICKET)])).map(toJson);
      const { body } = await httpAs(app, admin).post('/codec/decode').send({ payloads: encrypted }).expect(200);
      expect(body.payloads.map(valueOf)).toEqual([TICKET]);
    });

    it('gives payloads that are not encrypted back unchanged', async () => {
      const clear = jsonOf(TICKET);
      const { body } = await httpAs(app, admin).post('/codec/decode').send({ payloads: [clear] }).expect(200);
      expect(body.payloads).toEqual([clear]);
    });

    it('names a payload it cannot decrypt by its index and key id, with a 400', async () => {
      const stranger = new KeyRing(decodeKey(newKey()) as Buffer);
      const [codec] = dataConverterFor(stranger).payloadCodecs ?? [];
      const foreign = toJson((await codec.encode([defaultPayloadConverter.toPayload(TICKET)]))[0]);

      const { body } = await httpAs(app, admin).post('/codec/decode').send({ payloads: [jsonOf('fine'), foreign] }).expect(400);
      expect(body.errors).toEqual([{ field: 'payloads.1', problems: [expect.stringContaining(`encrypted with key ${stranger.currentKeyId}, which is not configured`)] }]);
      expect(JSON.stringify(body)).not.toContain('Northwind');
    });

    it.each([
      ['no payloads', {}],
      ['payloads not an array', { payloads: { data: '' } }],
      ['a payload with another field', { payloads: [{ data: '', externalPayloads: [] }] }],
      ['data not base64', { payloads: [{ data: 'not base64!' }] }],
      ['a metadata value not base64', { payloads: [{ metadata: { encoding: 'json plain' }, data: '' }] }],
      ['a payload that is not an object', { payloads: ['eyJ9'] }],
    ])('refuses a body with %s (400)', async (_case, body) => {
      const { body: refusal } = await httpAs(app, admin).post('/codec/decode').send(body).expect(400);
      expect(refusal.errors).toEqual([expect.objectContaining({ field: 'payloads' })]);
    });
  });

  describe('who may use it', () => {
    it.each(['/codec/decode', '/codec/encode'])('%s: 401 without a credential, with its challenge', async (route) => {
      const response = await anonymous().post(route).send({ payloads: [jsonOf(TICKET)] }).expect(401);
      expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(JSON.stringify(response.body)).not.toContain('Northwind');
    });

    it('lets a viewer of every partner tenant decode, and only a coordinator encode', async () => {
      const viewer = await anApiKey(app, '*', 'viewer');
      const { body: encoded } = await httpAs(app, admin).post('/codec/encode').send({ payloads: [jsonOf(TICKET)] }).expect(200);

      const { body } = await httpAs(app, viewer).post('/codec/decode').send(encoded).expect(200);
      expect(body.payloads.map(valueOf)).toEqual([TICKET]);
      const refused = await httpAs(app, viewer).post('/codec/encode').send({ payloads: [jsonOf(TICKET)] }).expect(403);
      expect(refused.body.message).toMatch(/needs the coordinator role/);
      await httpAs(app, await anApiKey(app, '*', 'coordinator')).post('/codec/encode').send({ payloads: [jsonOf(TICKET)] }).expect(200);
    });

    it("refuses a principal bound to some partner tenants only (403): a payload does not say whose it is", async () => {
      const partnerAdmin = await anApiKey(app, [PARTNER], 'admin');
      const { body: encoded } = await httpAs(app, admin).post('/codec/encode').send({ payloads: [jsonOf(TICKET)] }).expect(200);
      const { body } = await httpAs(app, partnerAdmin).post('/codec/decode').send(encoded).expect(403);
      expect(body.message).toMatch(/every partner tenant/);
      expect(JSON.stringify(body)).not.toContain('Northwind');
    });
  });

  describe('CORS: the configured Temporal UI only', () => {
    const preflight = (origin: string, route = '/codec/decode') =>
      anonymous()
        .options(route)
        .set('Origin', origin)
        .set('Access-Control-Request-Method', 'POST')
        .set('Access-Control-Request-Headers', 'authorization,content-type,x-namespace');

    it.each(['/codec/decode', '/codec/encode'])("answers the UI's preflight for %s without credentials", async (route) => {
      const response = await preflight(UI, route).expect(204);
      expect(response.headers).toMatchObject({
        'access-control-allow-origin': UI,
        'access-control-allow-credentials': 'true',
        'access-control-allow-methods': 'POST',
        'access-control-allow-headers': 'Authorization, Content-Type, X-Namespace',
      });
      expect(response.headers.vary).toMatch(/Origin/);
    });

    it.each(['https://evil.example', 'http://127.0.0.1:8233', 'http://localhost:8299', 'null'])('refuses the preflight of %s (403), without CORS headers', async (origin) => {
      const response = await preflight(origin).expect(403);
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
      expect(response.headers['access-control-allow-credentials']).toBeUndefined();
    });

    it('lets the UI read the answer to its decode, and refuses the same request from another origin', async () => {
      const { body: encoded } = await httpAs(app, admin).post('/codec/encode').send({ payloads: [jsonOf(TICKET)] }).expect(200);

      const fromUi = await httpAs(app, admin).post('/codec/decode').set('Origin', UI).set('X-Namespace', 'default').send(encoded).expect(200);
      expect(fromUi.headers['access-control-allow-origin']).toBe(UI);
      expect(fromUi.body.payloads.map(valueOf)).toEqual([TICKET]);

      const fromElsewhere = await httpAs(app, admin).post('/codec/decode').set('Origin', 'https://evil.example').send(encoded).expect(403);
      expect(fromElsewhere.headers['access-control-allow-origin']).toBeUndefined();
      expect(JSON.stringify(fromElsewhere.body)).not.toContain('Northwind');
    });

    it('sends no CORS headers to a caller without an Origin (the CLI), nor on the rest of the API', async () => {
      const cli = await httpAs(app, admin).post('/codec/decode').send({ payloads: [] }).expect(200);
      expect(cli.headers['access-control-allow-origin']).toBeUndefined();
      const elsewhere = await httpAs(app, admin).get('/api-keys').set('Origin', UI).expect(200);
      expect(elsewhere.headers['access-control-allow-origin']).toBeUndefined();
      await preflight(UI, '/api-keys').expect((response) => expect(response.headers['access-control-allow-origin']).toBeUndefined());
    });
  });
});
