// For the auth specs: the API's authentication (AuthModule, its guard on every route) on a SQLite file in a temporary
// DATA_DIR, set up as main.ts sets the API up (createApiApp), with probe routes of each kind.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Controller, Get, Module, Post, type Type } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { appConfigModule } from '@escalade/config';
import { DatabaseModule } from '@escalade/persistence';
import { createApiApp } from '../../setup-app';
import { AuthModule } from '../auth.module';
import { CurrentPrincipal, ForEveryPartner, Public, RequiresRole } from '../auth.decorators';
import { LocalMode } from '../local-mode';
import type { Principal } from '../principal';

/** A route of each kind the API has; each answers the principal it saw. */
@Controller('probe')
class ProbeController {
  @Public()
  @Get('public')
  open() {
    return { open: true };
  }

  @Get('read')
  read(@CurrentPrincipal() principal: Principal) {
    return principal;
  }

  @RequiresRole('coordinator')
  @Post('write')
  write(@CurrentPrincipal() principal: Principal) {
    return principal;
  }

  @RequiresRole('admin')
  @ForEveryPartner()
  @Get('deployment')
  deployment(@CurrentPrincipal() principal: Principal) {
    return principal;
  }
}

export interface AuthApp {
  app: NestExpressApplication;
  dataDir: string;
  /** The local admin key made at start (local mode only). */
  localAdminKey?: string;
  /** Requests without a credential. */
  http(): ReturnType<typeof request>;
  close(): Promise<void>;
}

/**
 * Starts the app with `env` over the test's environment (restored once it has started); local mode by default. Rejects
 * as the API's start fails. `around` imports AuthModule with modules around it (the API's rate limits).
 */
export async function startAuthApp(env: NodeJS.ProcessEnv = {}, around: (auth: Type) => Type[] = (auth) => [auth]): Promise<AuthApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'escalade-auth-'));
  const savedEnv = process.env;
  process.env = { ...savedEnv, DATA_DIR: dataDir, ...env };
  delete process.env.DATABASE_URL;
  try {
    // appConfigModule() reads the environment when called: only now that it is set.
    @Module({ imports: [appConfigModule(), DatabaseModule.forRoot({ runMigrations: true }), ...around(AuthModule)], controllers: [ProbeController] })
    class AuthAppModule {}
    let app: NestExpressApplication | undefined;
    try {
      app = await createApiApp(AuthAppModule, { logger: false, abortOnError: false });
      await app.init();
    } catch (err) {
      await app?.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
      throw err;
    }
    const started = app;
    return {
      app: started,
      dataDir,
      localAdminKey: started.get(LocalMode).adminKey,
      http: () => request(started.getHttpServer()),
      close: async () => {
        await started.close();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } finally {
    process.env = savedEnv;
  }
}
