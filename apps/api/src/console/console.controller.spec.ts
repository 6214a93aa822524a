import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { testPrincipalGuard } from '../auth/testing/test-principal';
import { ConsoleController } from './console.controller';

/** With a guard on every route, like the API's: the console's files hold no data, so they need no principal. */
async function consoleApp(dir: string): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    controllers: [ConsoleController],
    providers: [{ provide: ConfigService, useValue: { get: () => dir } }, testPrincipalGuard],
  }).compile();
  return moduleRef.createNestApplication().init();
}

describe('ConsoleController', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'escalade-console-'));
  let app: INestApplication;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    fs.mkdirSync(path.join(dir, 'assets'));
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Escalade</title>');
    fs.writeFileSync(path.join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
    fs.writeFileSync(path.join(dir, 'secret.txt'), 'not an asset');
    app = await consoleApp(dir);
  });
  afterAll(async () => {
    await app?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it.each(['/', '/tickets/T-1', '/sla', '/sla/monthly', '/sign-in'])('answers %s with the page, which routes in the browser, to anyone', async (url) => {
    const res = await http().get(url).expect(200).expect('Content-Type', /html/);
    expect(res.text).toContain('<title>Escalade</title>');
  });

  it('serves hashed assets for a year to anyone, and nothing outside the assets folder', async () => {
    const res = await http().get('/assets/index-abc123.js').expect(200);
    expect(res.headers['cache-control']).toContain('immutable');
    await http().get('/assets/missing.js').expect(404);
    await http().get('/assets/..%2Fsecret.txt').expect(404);
  });

  it('says how to build the console when it is not built', async () => {
    const unbuilt = await consoleApp(path.join(dir, 'nowhere'));
    const { body } = await request(unbuilt.getHttpServer()).get('/').expect(503);
    expect(body.message).toMatch(/npx nx build console/);
    await unbuilt.close();
  });
});
