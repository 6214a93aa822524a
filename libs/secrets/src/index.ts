export * from './key-ring';
export * from './local-key-file';
export * from './key-ring-from-settings';
export * from './payload-codec';
