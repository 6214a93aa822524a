import { readFileSync } from 'node:fs';
import { createPublicKey, type KeyObject, X509Certificate } from 'node:crypto';
import { ConfigError } from '@escalade/config';

/** The public half of the application's certificate credential, and its thumbprints when it is a certificate. */
export interface ClientCertificate {
  publicKey: KeyObject;
  /** base64url SHA-1 and SHA-256 of the DER: what a client assertion names in `x5t` / `x5t#S256`. */
  thumbprints?: { x5t: string; 'x5t#S256': string };
}

const base64urlOfHex = (fingerprint: string) => Buffer.from(fingerprint.replace(/:/g, ''), 'hex').toString('base64url');

/** Reads SIMULATOR_CLIENT_CERTIFICATE_PATH: a PEM certificate or public key; anything else stops the start. */
export function loadClientCertificate(path: string): ClientCertificate {
  try {
    const pem = readFileSync(path, 'utf8');
    if (!pem.includes('BEGIN CERTIFICATE')) return { publicKey: createPublicKey(pem) };
    const certificate = new X509Certificate(pem);
    return {
      publicKey: certificate.publicKey,
      thumbprints: { x5t: base64urlOfHex(certificate.fingerprint), 'x5t#S256': base64urlOfHex(certificate.fingerprint256) },
    };
  } catch (err) {
    throw new ConfigError([`SIMULATOR_CLIENT_CERTIFICATE_PATH=${JSON.stringify(path)}: ${(err as Error).message}`]);
  }
}
