export * from './api-key.entity';
export * from './api-key.store';
