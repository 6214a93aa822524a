import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { TicketsProjection } from '@escalade/persistence';

const IDLE_POLL_MS = 200;
const RETRY_MS = 2_000;

/** Keeps the tickets read model current: catches up with the event log, then polls it; says once what it parks. */
@Injectable()
export class TicketsProjector implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(TicketsProjector.name);
  private timer?: NodeJS.Timeout;
  private tick?: Promise<void>;
  private stopped = false;

  constructor(private readonly projection: TicketsProjection) {}

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.tick;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.tick = this.catchUp();
    }, delayMs);
  }

  private async catchUp(): Promise<void> {
    try {
      const { read, parked } = await this.projection.catchUp();
      for (const event of parked) {
        this.logger.warn(
          `parked event ${event.position} (${event.type}, version ${event.streamVersion} of ${event.streamId}): ${event.reason}`,
        );
      }
      this.schedule(read > 0 ? 0 : IDLE_POLL_MS);
    } catch (err) {
      this.logger.error(`tickets projection failed, retrying in ${RETRY_MS} ms: ${(err as Error).message}`);
      this.schedule(RETRY_MS);
    }
  }
}
