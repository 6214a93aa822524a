export * from './types';
export * from './errors';
export * from './event-store';
export * from './event.entity';
export * from './schema';
export * from './append-notifications';
