import { ActivityFailure, CancellationScope, patched, proxyActivities, sleep } from '@temporalio/workflow';
import type { TicketAlert } from '@escalade/domain';
import type { SentAlertDelivery, ServiceRequestActivities } from '../activities';
import { ALERT_AT_ONCE_PATCH, QUIET_HOURS_PATCH } from '../patches';
import type { TicketLedger } from './ticket-ledger';

const { prepareAlertDeliveries, markAlertDeliveryDead } = proxyActivities<ServiceRequestActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

// Each delivery's first attempt, side by side: a receiver gets 10 s to answer.
const { sendAlert } = proxyActivities<ServiceRequestActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

// About 15 minutes of attempts before a delivery is declared dead: a receiver down for minutes loses nothing.
// A receiver gets 10 s to answer.
const { attemptAlertDelivery } = proxyActivities<ServiceRequestActivities>({
  startToCloseTimeout: '15 seconds',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '2 minutes', maximumAttempts: 12 },
});

/**
 * Sends the ticket's alerts to their subscribers in the background, so a slow receiver never holds up the
 * ticket; cancelling the ticket does not cancel an alert already raised.
 */
export class TicketAlerts {
  private readonly inFlight: Promise<void>[] = [];

  constructor(private readonly ticket: TicketLedger) {}

  /** `sentWithEvents`: its first tries, made by the activity that recorded its events (undefined: not sent there). */
  send(alert: TicketAlert, sentWithEvents?: Promise<SentAlertDelivery[] | undefined>): void {
    this.inFlight.push(CancellationScope.nonCancellable(() => this.deliver(alert, sentWithEvents)));
  }

  /** Resolves once every alert sent so far is delivered or dead. */
  async settled(): Promise<void> {
    await Promise.all(this.inFlight);
  }

  private async deliver(alert: TicketAlert, sentWithEvents?: Promise<SentAlertDelivery[] | undefined>): Promise<void> {
    // First tries not made with the events (tickets before FEWER_ROUND_TRIPS_PATCH) are asked for as they always were.
    const firstTries: SentAlertDelivery[] = sentWithEvents
      ? ((await sentWithEvents) ?? (await sendAlert(alert)))
      : patched(ALERT_AT_ONCE_PATCH)
        ? await sendAlert(alert)
        : (await prepareAlertDeliveries(alert)).map((deliveryId) => ({ deliveryId, delivered: false }));
    await Promise.all(
      firstTries.map(async ({ deliveryId, delivered, heldUntil }) => {
        try {
          if (heldUntil !== undefined && patched(QUIET_HOURS_PATCH)) await this.holdUntil(heldUntil, deliveryId, alert);
          if (!delivered) await attemptAlertDelivery(deliveryId);
          await this.ticket.apply({ type: 'AlertDelivered', data: { deliveryId, kind: alert.kind } });
        } catch (err) {
          const reason = err instanceof ActivityFailure && err.cause ? err.cause.message : String(err);
          await markAlertDeliveryDead({ deliveryId, reason });
          await this.ticket.apply({ type: 'AlertDeliveryAbandoned', data: { deliveryId, kind: alert.kind, reason } });
        }
      }),
    );
  }

  /**
   * Waits for the recipient's opening on a timer. Always one timer, of at least 1 ms: the commands must not depend on
   * the task's time, which a replay may read later than the run did.
   */
  private async holdUntil(until: string, deliveryId: string, alert: TicketAlert): Promise<void> {
    await this.ticket.apply({ type: 'AlertHeld', data: { deliveryId, kind: alert.kind, until } });
    await sleep(Math.max(1, Date.parse(until) - Date.now()));
  }
}
