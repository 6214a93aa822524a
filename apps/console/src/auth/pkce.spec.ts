import { codeChallenge, randomToken } from './pkce';

describe('PKCE', () => {
  it("computes the S256 challenge of RFC 7636's own example", async () => {
    expect(await codeChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('makes verifiers of 43 base64url characters, a new one each time', () => {
    const [first, second] = [randomToken(), randomToken()];
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(second).not.toBe(first);
  });
});
