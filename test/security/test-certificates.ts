import * as fs from 'node:fs';
import * as path from 'node:path';
import { generate } from 'selfsigned';

/** A certificate in PEM with its private key, and where both were written. */
export interface Issued {
  cert: string;
  key: string;
  certPath: string;
  keyPath: string;
}

/** A private CA, a server certificate it signed for `localhost` and 127.0.0.1, and a client certificate for mTLS. */
export interface TestCertificates {
  ca: Issued;
  server: Issued;
  client: Issued;
  /** Another CA, which signed nothing here: a client trusting it alone must refuse the server. */
  strangerCa: Issued;
}

const EC = { keyType: 'ec', algorithm: 'sha256' } as const;

/** Makes the certificates (ECDSA P-256, SHA-256: what rustls, in the worker's native connection, takes) in `dir`. */
export async function makeTestCertificates(dir: string): Promise<TestCertificates> {
  const ca = await certificateAuthority(dir, 'ca');
  const strangerCa = await certificateAuthority(dir, 'stranger-ca');
  const server = await leaf(dir, 'server', ca, 'serverAuth', [
    { type: 2, value: 'localhost' },
    { type: 7, ip: '127.0.0.1' },
  ]);
  const client = await leaf(dir, 'client', ca, 'clientAuth', [{ type: 2, value: 'escalade-worker' }]);
  return { ca, server, client, strangerCa };
}

async function certificateAuthority(dir: string, name: string): Promise<Issued> {
  const pems = await generate([{ name: 'commonName', value: `Escalade test ${name}` }], {
    ...EC,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    ],
  });
  return written(dir, name, pems.cert, pems.private);
}

async function leaf(
  dir: string,
  name: string,
  ca: Issued,
  usage: 'serverAuth' | 'clientAuth',
  altNames: Array<{ type: 2; value: string } | { type: 7; ip: string }>,
): Promise<Issued> {
  const pems = await generate([{ name: 'commonName', value: `escalade-test-${name}` }], {
    ...EC,
    ca: { key: ca.key, cert: ca.cert },
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, critical: true },
      { name: 'extKeyUsage', [usage]: true },
      { name: 'subjectAltName', altNames },
    ],
  });
  return written(dir, name, pems.cert, pems.private);
}

function written(dir: string, name: string, cert: string, key: string): Issued {
  const certPath = path.join(dir, `${name}.pem`);
  const keyPath = path.join(dir, `${name}.key`);
  fs.writeFileSync(certPath, cert);
  fs.writeFileSync(keyPath, key, { mode: 0o600 });
  return { cert, key, certPath, keyPath };
}
