export * from './idempotency-key.entity';
export * from './idempotency-key.store';
