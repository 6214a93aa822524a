export * from './microsoft-support.port';
export * from './in-process-microsoft-support';
