import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface TestCertificate {
  certificatePath: string;
  keyPath: string;
  certificatePem: string;
  keyPem: string;
}

/** A throwaway self-signed RSA certificate and its key, made by openssl in a temporary folder (no key is kept in the repository). */
export function createTestCertificate(commonName = 'escalade-test-client'): TestCertificate {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'escalade-cert-'));
  const certificatePath = path.join(dir, 'client.crt.pem');
  const keyPath = path.join(dir, 'client.key.pem');
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyPath, '-out', certificatePath, '-subj', `/CN=${commonName}`, '-days', '2'],
    { stdio: 'ignore' },
  );
  return { certificatePath, keyPath, certificatePem: fs.readFileSync(certificatePath, 'utf8'), keyPem: fs.readFileSync(keyPath, 'utf8') };
}
