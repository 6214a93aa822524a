/**
 * The Idempotency-Key of each request body the form sends: the same body again (a double submit, a retry after a lost
 * answer) goes with the same key, so the API opens one ticket; a changed body is another request, with a new key.
 */
export class IdempotencyKeys {
  private last?: { body: string; key: string };

  constructor(private readonly newKey: () => string = () => crypto.randomUUID()) {}

  keyFor(body: string): string {
    if (this.last?.body !== body) this.last = { body, key: this.newKey() };
    return this.last.key;
  }
}
