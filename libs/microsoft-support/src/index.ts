export * from './microsoft-support.port';
export * from './simulated-microsoft-support';
