import type { AlertDeliveryDetailView, AlertDeliveryView } from '@escalade/contract';
import type { AlertDeliveryDetail, AlertDeliveryEntity } from '@escalade/persistence';

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
