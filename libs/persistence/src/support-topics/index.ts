export * from './support-topic.entity';
export * from './support-topic.store';
