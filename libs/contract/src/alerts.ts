import type { AlertKind, BusinessCalendar, Product, Severity } from '@escalade/domain';

export type DeliveryStatus = 'pending' | 'held' | 'delivered' | 'dead';

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
  /** `held`: waiting for the recipient's next opening (quiet hours); attempted then, as a pending one. */
  status: DeliveryStatus;
  /** Held for the recipient's quiet hours until then; kept once released, to show it was held; null when never held. */
  heldUntil: string | null;
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

export type AlertFormat = 'json' | 'slack' | 'teams' | 'email';
export type SignatureScheme = 'escalade-v1' | 'standard-webhooks';

/** A subscription as `/alert-subscriptions` shows it: never its secret, its URL or its address redacted. */
export interface AlertSubscriptionView {
  id: string;
  /** Where a webhook format's (`json`, `slack`, `teams`) deliveries go, redacted. */
  url?: string;
  /** Where an `email` subscription's deliveries go, redacted: `d***@contoso.com`. */
  email?: string;
  severities: Severity[];
  products: Product[];
  /** Customer names or domains. */
  customers: string[];
  kinds: AlertKind[];
  /** Escalation ladder levels: only alerts at one of them; empty: every alert. */
  levels: number[];
  format: AlertFormat;
  /** The recipient's hours: alerts below severity A raised outside them are held until the next opening; null: none. */
  calendar: BusinessCalendar | null;
  signatureScheme: SignatureScheme;
  /** Lower-case partner tenant GUIDs, or `'*'`: every partner tenant. */
  partnerTenantIds: string[] | '*';
  createdAt: string;
}
