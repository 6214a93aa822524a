import { constants, createHash, createPrivateKey, randomUUID, sign, X509Certificate, type KeyObject } from 'node:crypto';
import * as fs from 'node:fs';

/** How long a client assertion is valid: Entra ID wants it short (5 to 10 minutes after nbf). */
const ASSERTION_LIFETIME_S = 600;

/**
 * The app's certificate credential: signs the client assertions Entra ID accepts in place of a client secret
 * (learn.microsoft.com/entra/identity-platform/certificate-credentials): PS256, with the certificate's SHA-256
 * thumbprint in `x5t#S256` and, for older readers, its SHA-1 thumbprint in `x5t`.
 * Signed with node:crypto rather than jose: jose 6 is ESM-only and cannot be loaded by this repository's Jest.
 */
export class ClientCertificate {
  private readonly key: KeyObject;
  private readonly thumbprintSha256: string;
  private readonly thumbprintSha1: string;

  /** PEM texts: the certificate (the first of a chain) and its unencrypted RSA private key. */
  constructor(certificatePem: string, privateKeyPem: string) {
    const certificate = new X509Certificate(certificatePem);
    this.key = createPrivateKey(privateKeyPem);
    if (this.key.asymmetricKeyType !== 'rsa') throw new Error(`the private key is ${this.key.asymmetricKeyType}, not RSA`);
    if (!certificate.checkPrivateKey(this.key)) throw new Error('the private key does not belong to the certificate');
    this.thumbprintSha256 = createHash('sha256').update(certificate.raw).digest('base64url');
    this.thumbprintSha1 = createHash('sha1').update(certificate.raw).digest('base64url');
  }

  /** Reads both PEM files; an error names the file, never its content. */
  static fromFiles(certificatePath: string, privateKeyPath: string): ClientCertificate {
    const read = (file: string) => {
      try {
        return fs.readFileSync(file, 'utf8');
      } catch (err) {
        throw new Error(`cannot read ${file}: ${(err as Error).message}`);
      }
    };
    try {
      return new ClientCertificate(read(certificatePath), read(privateKeyPath));
    } catch (err) {
      throw new Error(`Invalid Partner Center client certificate (${certificatePath}, key ${privateKeyPath}): ${(err as Error).message}`);
    }
  }

  /** A signed JWT proving the app `clientId` to the token endpoint `audience`. */
  assertion(clientId: string, audience: string, nowMs: number): string {
    const iat = Math.floor(nowMs / 1000);
    const header = { alg: 'PS256', typ: 'JWT', 'x5t#S256': this.thumbprintSha256, x5t: this.thumbprintSha1 };
    const claims = { aud: audience, iss: clientId, sub: clientId, jti: randomUUID(), iat, nbf: iat, exp: iat + ASSERTION_LIFETIME_S };
    const signingInput = `${base64urlJson(header)}.${base64urlJson(claims)}`;
    const signature = sign('sha256', Buffer.from(signingInput), {
      key: this.key,
      padding: constants.RSA_PKCS1_PSS_PADDING,
      saltLength: 32, // PS256: the salt is as long as the SHA-256 digest (RFC 7518 §3.5)
    });
    return `${signingInput}.${signature.toString('base64url')}`;
  }
}

function base64urlJson(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}
