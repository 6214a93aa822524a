import type { DestinationStream } from 'pino';
import { prettyFactory } from 'pino-pretty';

/**
 * pino-pretty formatting each line as it is written, in-process and synchronously (no worker thread): a line logged just
 * before the process exits is not lost, and lines of `npm start`'s processes interleave whole. Nest's context leads the
 * message; what the message already says (an access line's method, route and status), and what a person at a terminal
 * does not need (Temporal's namespace, task queue, workflow type; the ticket's key beside its workflow id) are for JSON only.
 */
export function prettyLines(out: NodeJS.WritableStream): DestinationStream {
  const pretty = prettyFactory({
    translateTime: 'SYS:HH:MM:ss.l',
    messageFormat: '{if context}[{context}] {end}{msg}',
    ignore: 'pid,hostname,context,method,route,status,sdkComponent,namespace,taskQueue,workflowType,ticketKey',
    singleLine: true,
  });
  return { write: (line: string) => out.write(pretty(line)) };
}
