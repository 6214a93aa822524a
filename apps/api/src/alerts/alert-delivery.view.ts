import type { AlertDeliveryAttemptEntity, AlertDeliveryDetail, AlertDeliveryEntity } from '@escalade/persistence';

export type AlertDeliveryView = Omit<AlertDeliveryEntity, 'payload'>;

export type AlertDeliveryDetailView = AlertDeliveryView & {
  /** The body sent, parsed. */
  payload: unknown;
  attempts: Array<Omit<AlertDeliveryAttemptEntity, 'deliveryId'>>;
};

export function toDeliveryView({ payload: _payload, ...delivery }: AlertDeliveryEntity): AlertDeliveryView {
  return delivery;
}

export function toDeliveryDetailView({ payload, attempts, ...delivery }: AlertDeliveryDetail): AlertDeliveryDetailView {
  return {
    ...delivery,
    payload: JSON.parse(payload),
    attempts: attempts.map(({ deliveryId: _deliveryId, ...attempt }) => attempt),
  };
}
