export * from './microsoft-watch.entity';
export * from './microsoft-watch.store';
