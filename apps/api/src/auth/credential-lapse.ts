import { HttpException } from '@nestjs/common';
import { catchError, concatMap, filter, from, interval, map, of, takeUntil, type Observable } from 'rxjs';

/** How often an open event stream checks its credential again (an Entra token's expiry, a revoked API key). */
export const STREAM_RECHECK_MS = 30_000;

/**
 * Ends a live stream once its credential no longer holds: checked when the stream opened only, a stream would outlive
 * a revoked key or an expired token for as long as the connection lasts. A check that fails for another reason (the
 * database briefly down) keeps the stream open, as the stream itself waits out outages.
 */
export function whileCredentialHolds<T>(stream: Observable<T>, recheck: () => Promise<unknown>, everyMs = STREAM_RECHECK_MS): Observable<T> {
  const lapsed = interval(everyMs).pipe(
    concatMap(() =>
      from(recheck()).pipe(
        map(() => false),
        catchError((err: unknown) => of(err instanceof HttpException && (err.getStatus() === 401 || err.getStatus() === 403))),
      ),
    ),
    filter(Boolean),
  );
  return stream.pipe(takeUntil(lapsed));
}
