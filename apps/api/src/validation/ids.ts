/** Ticket ids become Temporal workflow ids and event stream names; the `tickets.id` column holds 200. */
export const TICKET_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;
export const TICKET_ID_RULE = 'must be 1–100 letters, digits, ".", "_", ":" or "-", starting with a letter or digit';

/** Alert subscriptions are named by a random UUID. */
export const SUBSCRIPTION_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const SUBSCRIPTION_ID_RULE = 'must be a subscription UUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)';

/** A delivery is `<ticket id>:<alert kind>[:<level>]:<subscription UUID>` (deliveryIdOf); its column holds 300. */
export const DELIVERY_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,299}$/;
export const DELIVERY_ID_RULE = 'must be a delivery id: up to 300 letters, digits, ".", "_", ":" or "-"';
