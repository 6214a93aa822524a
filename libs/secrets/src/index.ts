export * from './key-ring';
export * from './local-key-file';
