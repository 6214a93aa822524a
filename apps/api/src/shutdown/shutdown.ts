import { Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { ReplaySubject, takeUntil, type Observable } from 'rxjs';

/**
 * The API's drain on SIGTERM: before the server stops accepting and waits for the requests in flight, live streams
 * end (an open stream would hold the server open forever) and readiness turns down, so a load balancer sends no more.
 */
@Injectable()
export class Shutdown implements BeforeApplicationShutdown {
  /** Replayed: a stream opened while the server drains ends at once. */
  private readonly started = new ReplaySubject<void>(1);
  private draining = false;

  constructor(private readonly indicators: HealthIndicatorService) {}

  /** The stream, until the API starts shutting down; the client reconnects to another instance. */
  untilShutdown<T>(stream: Observable<T>): Observable<T> {
    return stream.pipe(takeUntil(this.started));
  }

  check<const Key extends string>(key: Key) {
    const indicator = this.indicators.check(key);
    return this.draining ? indicator.down({ message: 'shutting down' }) : indicator.up();
  }

  beforeApplicationShutdown(): void {
    this.draining = true;
    this.started.next();
  }
}
