/** Ticket ids (with their partner tenant) become Temporal workflow ids and event stream names; the `tickets.id` column holds 200. */
export const TICKET_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;
export const TICKET_ID_RULE = 'must be 1–100 letters, digits, ".", "_", ":" or "-", starting with a letter or digit';

/** Alert subscriptions are named by a random UUID. */
export const SUBSCRIPTION_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const SUBSCRIPTION_ID_RULE = 'must be a subscription UUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)';

/**
 * A delivery is `<ticket key>:<alert kind>[:<level>]:<subscription UUID>` (deliveryIdOf), the key being
 * `<partner tenant>~<ticket id>`; its column holds 300.
 */
export const DELIVERY_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:~-]{0,299}$/;
export const DELIVERY_ID_RULE = 'must be a delivery id: up to 300 letters, digits, ".", "_", ":", "~" or "-"';

/** API keys are named by a random UUID too. */
export const API_KEY_ID_PATTERN = SUBSCRIPTION_ID_PATTERN;
export const API_KEY_ID_RULE = 'must be an API key id (a UUID: xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)';

/** Partner tenants are Entra ID tenant ids. */
export const TENANT_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const TENANT_ID_RULE = 'must be a tenant id (a GUID: xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)';
