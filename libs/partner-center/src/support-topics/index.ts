export * from './support-topic-catalogue';
export * from './support-topic-mapping.error';
export * from './support-topic-names';
export * from './support-topic-resolver';
