export * from './destination-policy';
export * from './outbound-client';
export * from './outbound-failure';
export * from './resolver';
