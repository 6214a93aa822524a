import { ConsoleLogger } from '@nestjs/common';
import { currentRequestId } from './request-id';

/** Nest's console logger, naming the request a line was logged for: a client's X-Request-Id finds its error in the log. */
export class RequestIdLogger extends ConsoleLogger {
  protected override formatContext(context: string): string {
    const requestId = currentRequestId();
    return requestId ? `${super.formatContext(context)}[request ${requestId}] ` : super.formatContext(context);
  }
}
