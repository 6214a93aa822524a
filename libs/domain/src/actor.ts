/**
 * Who did something to a ticket, from the credential that authenticated the request (never from the request's body):
 * a person signed in with Entra ID, or a machine client's API key.
 */
export interface Actor {
  kind: 'user' | 'api-key';
  name: string;
  /** Entra's object id (`oid`) for a user, the key's id for an API key. */
  objectId: string;
  /** The user's Entra tenant. */
  tenantId?: string;
}
