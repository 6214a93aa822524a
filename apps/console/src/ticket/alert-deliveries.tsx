import type { AlertDeliveryView } from '@escalade/contract';
import { formatDateTime } from '../format/time';
import { alertLabel } from './ticket-alerts';

/** The ticket's alerts as sent to each subscription, with how the delivery went and any hold for quiet hours. */
export function AlertDeliveries({ alerts }: { alerts: AlertDeliveryView[] }) {
  return (
    <section class="card" aria-labelledby="alerts-heading">
      <h2 id="alerts-heading">Alerts sent</h2>
      {alerts.length === 0 ? (
        <p class="empty">No alert delivered to a subscription yet.</p>
      ) : (
        <table class="compact">
          <thead>
            <tr>
              <th scope="col">Alert</th>
              <th scope="col">Delivery</th>
              <th scope="col">Attempts</th>
              <th scope="col">Last change</th>
            </tr>
          </thead>
          <tbody>
            {alerts.map((alert) => (
              <tr key={alert.id} data-testid="alert-delivery" data-status={alert.status}>
                <td>{alertLabel(alert)}</td>
                <td>
                  <span class={`badge delivery-${alert.status}`} title={alert.lastError ?? undefined}>
                    {alert.status}
                  </span>
                  {alert.heldUntil && (
                    <span class="held-until" data-testid="held-until">
                      {' '}
                      {alert.status === 'held' ? 'until' : 'held until'} {formatDateTime(alert.heldUntil)}
                    </span>
                  )}
                </td>
                <td>{alert.attemptCount}</td>
                <td>{formatDateTime(alert.deliveredAt ?? alert.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
