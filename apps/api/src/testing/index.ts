// The API's test helpers for the system tests: a stand-in Entra ID issuer whose tokens the API takes.
export * from '../auth/testing/test-issuer';
