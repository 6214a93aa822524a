import { join } from 'node:path';

/**
 * A test certificate and its private key, committed on purpose: they open nothing but a simulator started with
 * SIMULATOR_CLIENT_CERTIFICATE_PATH pointing at the certificate (client-assertion tests, MSAL's clientCertificate).
 */
export const SIMULATOR_TEST_CERTIFICATE_PATH = join(__dirname, 'client-certificate.pem');
export const SIMULATOR_TEST_CERTIFICATE_KEY_PATH = join(__dirname, 'client-certificate.key.pem');
