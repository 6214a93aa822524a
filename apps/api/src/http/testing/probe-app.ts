// For the http specs: the API's HTTP layer (createApiApp) around probe routes, with or without the configuration.
import { Controller, Get, type LogLevel, Module, Post } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { appConfigModule } from '@escalade/config';
import { createApiApp } from '../../setup-app';

/** A route of each kind the hardening tells apart; each answers `{ ok: true }` or throws. */
@Controller()
export class ProbeController {
  @Get('probe')
  read() {
    return { ok: true };
  }

  @Post('probe')
  write() {
    return { ok: true };
  }

  @Post('service-requests')
  open() {
    return { ok: true };
  }

  @Post('service-requests/:id/notes')
  note() {
    return { ok: true };
  }

  @Post('alert-subscriptions')
  subscribe() {
    return { ok: true };
  }

  @Get('bug')
  async bug(): Promise<never> {
    await new Promise((resolve) => setTimeout(resolve, 5));
    throw new Error('secret internals: password=hunter2');
  }

  /** The same failure after a JSON body was read from the socket. */
  @Post('bug')
  bugAfterBody(): Promise<never> {
    return this.bug();
  }
}

export interface ProbeApp {
  app: NestExpressApplication;
  http(): ReturnType<typeof request>;
  close(): Promise<void>;
}

/**
 * createApiApp around the probe routes: with the configuration read from `env` over the test's environment (restored
 * once started), or, with `env` undefined, none at all (as the validation specs run it).
 */
export async function startProbeApp(env?: NodeJS.ProcessEnv, logger: false | LogLevel[] = false): Promise<ProbeApp> {
  const savedEnv = process.env;
  if (env) process.env = { ...savedEnv, ...env };
  try {
    // appConfigModule() reads the environment when called: only now that it is set.
    @Module({ imports: env ? [appConfigModule()] : [], controllers: [ProbeController] })
    class ProbeModule {}
    const app = await createApiApp(ProbeModule, { logger });
    await app.init();
    return { app, http: () => request(app.getHttpServer()), close: () => app.close() };
  } finally {
    process.env = savedEnv;
  }
}
