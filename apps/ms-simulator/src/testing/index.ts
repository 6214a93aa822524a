// The simulator for tests: started in-process on a free port, its Partner Center shapes and its test certificate.
export * from './start-simulator';
export * from './partner-center-requests';
export * from './test-certificate';
