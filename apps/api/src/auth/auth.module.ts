import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiKeysController } from './api-keys/api-keys.controller';
import { ApiKeysService } from './api-keys/api-keys.service';
import { AuthGuard } from './auth.guard';
import { Authenticator } from './authenticator';
import { LocalMode } from './local-mode';
import { SessionController } from './session/session.controller';

/** Authentication on every route (the guard), roles, API keys, the console's session and local mode's admin key. */
@Global()
@Module({
  controllers: [ApiKeysController, SessionController],
  providers: [Authenticator, ApiKeysService, LocalMode, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [Authenticator, LocalMode],
})
export class AuthModule {}
