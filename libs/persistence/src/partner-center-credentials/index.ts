export * from './partner-center-credential-status.entity';
export * from './partner-center-credential.entity';
export * from './partner-center-credential.store';
