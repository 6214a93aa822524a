import type { AlertKind, Product, Severity } from '@escalade/domain';

export type DeliveryStatus = 'pending' | 'delivered' | 'dead';

/** A delivery of an alert about a ticket to one subscription (`GET /alerts`). */
export interface AlertDeliveryView {
  /** `<alertKey>:<subscriptionId>`, sent as the Idempotency-Key header. */
  id: string;
  /** `<ticket key>:<kind>`, with the level for escalations: `<partner tenant>~INC-1:escalation:2` (`INC-1:…` before keys). */
  alertKey: string;
  subscriptionId: string;
  ticketId: string;
  /** The ticket's partner tenant; null for a delivery from before partner isolation. */
  partnerTenantId: string | null;
  kind: AlertKind;
  status: DeliveryStatus;
  attemptCount: number;
  /** Why the last attempt failed, in our words; never anything the receiver answered. */
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
  updatedAt: string;
}

export interface AlertDeliveryAttemptView {
  id: number;
  attemptedAt: string;
  httpStatus: number | null;
  error: string | null;
  outcome: 'delivered' | 'failed';
}

/** `GET /alerts/:id`, `POST /alerts/:id/redeliver`: the delivery with the body it sends and each attempt. */
export type AlertDeliveryDetailView = AlertDeliveryView & {
  /** The body sent, parsed. */
  payload: unknown;
  attempts: AlertDeliveryAttemptView[];
};

export type AlertFormat = 'json' | 'slack';
export type SignatureScheme = 'escalade-v1' | 'standard-webhooks';

/** A subscription as `/alert-subscriptions` shows it: never its secret, its URL redacted. */
export interface AlertSubscriptionView {
  id: string;
  url: string;
  severities: Severity[];
  products: Product[];
  /** Customer names or domains. */
  customers: string[];
  kinds: AlertKind[];
  format: AlertFormat;
  signatureScheme: SignatureScheme;
  /** Lower-case partner tenant GUIDs, or `'*'`: every partner tenant. */
  partnerTenantIds: string[] | '*';
  createdAt: string;
}
