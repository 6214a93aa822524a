export * from './alert.entity';
export * from './alert-store';
export * from './data-source-options';
export * from './migrations';
export * from './testing/test-databases';
