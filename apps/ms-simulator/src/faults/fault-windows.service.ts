import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { invalidInput } from '../errors/partner-center.exception';
import type { FaultKind, FaultWindowDto } from './fault-window.dto';
import { type Operation, PARTNER_CENTER_OPERATIONS, TOKEN_OPERATION } from './operations';

export interface FaultWindow {
  id: string;
  kind: FaultKind;
  startsAt: string;
  endsAt: string;
  retryAfterSeconds?: number;
  operations: Operation[];
}

/** Every Partner Center operation; a 401 is a credential outage, so token renewal fails too. */
const defaultOperations = (kind: FaultKind): Operation[] =>
  kind === '401' ? [...PARTNER_CENTER_OPERATIONS, TOKEN_OPERATION] : [...PARTNER_CENTER_OPERATIONS];

/** Outages a test orders: until a window ends, the operations it names answer its fault instead of working. */
@Injectable()
export class FaultWindows {
  private windows: FaultWindow[] = [];

  open({ kind, durationMs, retryAfterSeconds, operations }: FaultWindowDto): FaultWindow {
    if (kind !== '401' && operations?.includes(TOKEN_OPERATION)) {
      throw invalidInput('operations: the token endpoint only takes part in a credential outage (kind 401)');
    }
    if (kind !== '429' && retryAfterSeconds !== undefined) throw invalidInput('retryAfterSeconds: only a 429 sends Retry-After');
    const now = Date.now();
    const window: FaultWindow = {
      id: randomUUID(),
      kind,
      startsAt: new Date(now).toISOString(),
      endsAt: new Date(now + durationMs).toISOString(),
      ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
      operations: operations ?? defaultOperations(kind),
    };
    this.windows.push(window);
    return window;
  }

  /** The windows not over yet, oldest first. */
  active(): FaultWindow[] {
    const now = new Date().toISOString();
    this.windows = this.windows.filter((w) => w.endsAt > now);
    return [...this.windows];
  }

  activeFor(operation: Operation): FaultWindow | undefined {
    return this.active().find((w) => w.operations.includes(operation));
  }

  clear(): void {
    this.windows = [];
  }
}
