import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { Authenticator } from '../auth/authenticator';
import { whileCredentialHolds } from '../auth/credential-lapse';
import { Shutdown } from './shutdown';

/** How every server-sent event stream stays open: while its request's credential holds, and until the API shuts down. */
@Injectable()
export class LiveStreams {
  constructor(
    private readonly authenticator: Authenticator,
    private readonly shutdown: Shutdown,
  ) {}

  open<T>(stream: Observable<T>, request: Request): Observable<T> {
    return this.shutdown.untilShutdown(whileCredentialHolds(stream, this.authenticator.recheckOf(request)));
  }
}
