// Partner Center's test helpers for this and other projects' specs: a fake Entra ID token endpoint and a refresh-token
// store in memory.
export * from '../credentials/testing/fake-entra';
export * from '../credentials/testing/in-memory-refresh-token-store';
