export * from './alert-subscription.entity';
export * from './alert-delivery.entity';
export * from './alert-subscription.store';
export * from './alert-delivery.store';
