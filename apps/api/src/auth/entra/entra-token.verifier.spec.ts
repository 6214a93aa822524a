import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTestIssuer, tamperPayload, TEST_AUDIENCE, TEST_OBJECT_ID, TEST_TENANT_ID, type TestIssuer } from '../testing/test-issuer';
import { EntraTokenVerifier, IdentityProviderUnavailableError, InvalidTokenError, MICROSOFT_AUTHORITY, type EntraSettings } from './entra-token.verifier';

const CLIENT_ID = '5e7d9c1a-2b3c-4d5e-8f90-a1b2c3d4e5f6';
const SECOND_TENANT_ID = '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a';
const FOREIGN_TENANT_ID = 'f0f0f0f0-1111-4222-8333-444455556666';

const now = (): number => Math.floor(Date.now() / 1000);

describe('EntraTokenVerifier', () => {
  let issuer: TestIssuer;

  beforeAll(async () => {
    issuer = await startTestIssuer();
  });
  afterAll(async () => {
    await issuer.close();
  });
  afterEach(() => {
    jest.restoreAllMocks();
  });

  function verifierFor(settings: Partial<EntraSettings> = {}): EntraTokenVerifier {
    return new EntraTokenVerifier({
      authority: issuer.authority,
      audiences: [TEST_AUDIENCE, CLIENT_ID],
      allowedTenants: [TEST_TENANT_ID, SECOND_TENANT_ID],
      ...settings,
    });
  }

  /** The InvalidTokenError the token gets; its message must never repeat the token (or its signature). */
  async function refusal(token: string, verifier = verifierFor()): Promise<string> {
    const error = await verifier.verify(token).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(InvalidTokenError);
    const { message } = error as InvalidTokenError;
    if (token) expect(message).not.toContain(token);
    const signature = token.split('.')[2];
    if (signature) expect(message).not.toContain(signature);
    return message;
  }

  describe('a valid token', () => {
    it('is accepted, with the identity it proves', async () => {
      const token = await issuer.mint({ name: 'Alice Admin', roles: ['Escalade.Admin', 'Escalade.Viewer'] });
      await expect(verifierFor().verify(token)).resolves.toEqual({
        tenantId: TEST_TENANT_ID,
        objectId: TEST_OBJECT_ID,
        name: 'Alice Admin',
        roles: ['Escalade.Admin', 'Escalade.Viewer'],
      });
    });

    it('is accepted for any configured audience (the client id as well as the app id URI)', async () => {
      await expect(verifierFor().verify(await issuer.mint({ aud: CLIENT_ID }))).resolves.toMatchObject({ objectId: TEST_OBJECT_ID });
    });

    it('is accepted from every allowed tenant, each against its own issuer', async () => {
      const token = await issuer.mint({ tid: SECOND_TENANT_ID, oid: 'b1b2b3b4-0000-4000-8000-000000000001' });
      await expect(verifierFor().verify(token)).resolves.toMatchObject({ tenantId: SECOND_TENANT_ID, objectId: 'b1b2b3b4-0000-4000-8000-000000000001' });
    });

    it('names the user by `name`, else `preferred_username`, else `oid`; roles default to none', async () => {
      const verifier = verifierFor();
      await expect(verifier.verify(await issuer.mint({ name: undefined, preferred_username: 'bob@contoso.example' }))).resolves.toMatchObject({
        name: 'bob@contoso.example',
        roles: [],
      });
      await expect(verifier.verify(await issuer.mint({ name: undefined, preferred_username: undefined }))).resolves.toMatchObject({ name: TEST_OBJECT_ID });
      await expect(verifier.verify(await issuer.mint({ roles: 'Escalade.Admin' as unknown as string[] }))).resolves.toMatchObject({ roles: [] });
      await expect(verifier.verify(await issuer.mint({ roles: ['Escalade.Viewer', 42] as unknown as string[] }))).resolves.toMatchObject({ roles: ['Escalade.Viewer'] });
    });
  });

  describe('time', () => {
    it('refuses a token expired beyond the clock tolerance', async () => {
      const exp = now() - 61;
      const token = await issuer.mint({ iat: exp - 600, nbf: exp - 600, exp });
      expect(await refusal(token)).toBe(`token expired at ${new Date(exp * 1000).toISOString()}`);
    });

    it('accepts a token within the clock skew (expired 30 s ago, or valid from 30 s ahead)', async () => {
      const verifier = verifierFor();
      await expect(verifier.verify(await issuer.mint({ iat: now() - 630, nbf: now() - 630, exp: now() - 30 }))).resolves.toMatchObject({ objectId: TEST_OBJECT_ID });
      await expect(verifier.verify(await issuer.mint({ iat: now() + 30, nbf: now() + 30 }))).resolves.toMatchObject({ objectId: TEST_OBJECT_ID });
    });

    it('honours a configured clock tolerance', async () => {
      const token = await issuer.mint({ iat: now() - 630, nbf: now() - 630, exp: now() - 30 });
      expect(await refusal(token, verifierFor({ clockToleranceSeconds: 5 }))).toMatch(/^token expired at /);
    });

    it('refuses a token not valid yet beyond the tolerance', async () => {
      expect(await refusal(await issuer.mint({ iat: now() + 300, nbf: now() + 300 }))).toBe('token is not valid yet (nbf is in the future)');
    });

    it('refuses a token without exp', async () => {
      expect(await refusal(await issuer.mint({ exp: undefined }))).toBe('token has no expiry (exp) claim');
    });
  });

  describe('audience and issuer', () => {
    it('refuses a token for another API', async () => {
      expect(await refusal(await issuer.mint({ aud: 'api://someone-else' }))).toBe(`token audience is not this API (expected ${TEST_AUDIENCE} or ${CLIENT_ID})`);
    });

    it("refuses a token whose issuer is another tenant's (even an allowed one)", async () => {
      const token = await issuer.mint({ iss: `${issuer.authority}/${SECOND_TENANT_ID}/v2.0` });
      expect(await refusal(token)).toBe(`token issuer is not ${issuer.authority}/${TEST_TENANT_ID}/v2.0`);
    });

    it('refuses a token from the multi-tenant "common" issuer', async () => {
      expect(await refusal(await issuer.mint({ iss: `${issuer.authority}/common/v2.0` }))).toBe(`token issuer is not ${issuer.authority}/${TEST_TENANT_ID}/v2.0`);
    });

    it('refuses the v1 issuer (sts.windows.net) when the authority is not Microsoft', async () => {
      expect(await refusal(await issuer.mint({ iss: `https://sts.windows.net/${TEST_TENANT_ID}/` }))).toBe(
        `token issuer is not ${issuer.authority}/${TEST_TENANT_ID}/v2.0`,
      );
    });

    it('accepts the v2 and the v1 issuer with the Microsoft authority (its JWKS served here)', async () => {
      const realFetch = globalThis.fetch;
      const fetched: string[] = [];
      jest.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
        const url = String(input instanceof Request ? input.url : input);
        fetched.push(url);
        return realFetch(url.replace(MICROSOFT_AUTHORITY, issuer.authority), init);
      });
      const verifier = verifierFor({ authority: MICROSOFT_AUTHORITY });
      await expect(verifier.verify(await issuer.mint({ iss: `${MICROSOFT_AUTHORITY}/${TEST_TENANT_ID}/v2.0` }))).resolves.toMatchObject({ tenantId: TEST_TENANT_ID });
      await expect(verifier.verify(await issuer.mint({ iss: `https://sts.windows.net/${TEST_TENANT_ID}/`, ver: '1.0' }))).resolves.toMatchObject({ tenantId: TEST_TENANT_ID });
      expect(await refusal(await issuer.mint({ iss: `${MICROSOFT_AUTHORITY}/common/v2.0` }), verifier)).toBe(
        `token issuer is not ${MICROSOFT_AUTHORITY}/${TEST_TENANT_ID}/v2.0 or https://sts.windows.net/${TEST_TENANT_ID}/`,
      );
      expect(fetched).toEqual([`${MICROSOFT_AUTHORITY}/${TEST_TENANT_ID}/discovery/v2.0/keys`]);
    });
  });

  describe('tenant', () => {
    it('refuses a tenant not in the allow-list without fetching its keys', async () => {
      const before = issuer.jwksRequests;
      const token = await issuer.mint({ tid: FOREIGN_TENANT_ID });
      expect(await refusal(token)).toBe(`token tenant ${FOREIGN_TENANT_ID} is not allowed`);
      expect(issuer.jwksRequests).toBe(before);
    });

    it('refuses a token without tid, and does not echo a tid that is not a tenant id', async () => {
      expect(await refusal(await issuer.mint({ tid: undefined }))).toBe('token has no tenant (tid) claim');
      expect(await refusal(await issuer.mint({ tid: '../../evil.example/keys?x=<script>' }))).toBe('token tenant (unrecognisable value) is not allowed');
    });

    it('matches the allow-list case-insensitively as configured', async () => {
      const verifier = verifierFor({ allowedTenants: [TEST_TENANT_ID.toUpperCase()] });
      await expect(verifier.verify(await issuer.mint())).resolves.toMatchObject({ tenantId: TEST_TENANT_ID });
    });
  });

  describe('signature and algorithm', () => {
    it('refuses a token whose payload was changed after signing (e.g. roles added)', async () => {
      const token = tamperPayload(await issuer.mint({ roles: ['Escalade.Viewer'] }), (payload) => ({ ...payload, roles: ['Escalade.Admin'] }));
      expect(await refusal(token)).toBe('token signature is invalid');
    });

    it('refuses a token signed with a key the identity provider does not publish (same kid)', async () => {
      expect(await refusal(await issuer.mint({}, { signWith: 'foreign' }))).toBe('token signature is invalid');
    });

    it('refuses an unsigned token (alg none) without fetching keys', async () => {
      const before = issuer.jwksRequests;
      expect(await refusal(await issuer.mint({}, { alg: 'none' }))).toBe('token algorithm none is not allowed (only RS256)');
      expect(issuer.jwksRequests).toBe(before);
    });

    it('refuses HS256 signed with the public key as the secret (algorithm confusion)', async () => {
      expect(await refusal(await issuer.mint({}, { alg: 'HS256' }))).toBe('token algorithm HS256 is not allowed (only RS256)');
    });

    it('refuses a token whose kid the identity provider does not publish', async () => {
      expect(await refusal(await issuer.mint({}, { kid: 'no-such-key' }))).toBe(`token signing key no-such-key is not one the identity provider publishes for tenant ${TEST_TENANT_ID}`);
    });
  });

  describe('claims and form', () => {
    it('refuses a token without oid', async () => {
      expect(await refusal(await issuer.mint({ oid: undefined }))).toBe('token has no object id (oid) claim');
      expect(await refusal(await issuer.mint({ oid: 42 as unknown as string }))).toBe('token object id (oid) claim is not a string');
    });

    it.each([
      ['not a JWT', 'not-a-jwt', 'malformed token: expected a JWT (three dot-separated parts)'],
      ['empty', '', 'malformed token: expected a JWT (three dot-separated parts)'],
      ['garbage parts', 'abc.def.ghi', 'malformed token: its header or payload is not base64url-encoded JSON'],
      ['a JSON array payload', `${Buffer.from('{"alg":"RS256","kid":"k"}').toString('base64url')}.${Buffer.from('[1]').toString('base64url')}.sig`, 'malformed token: its header or payload is not base64url-encoded JSON'],
    ])('refuses a malformed token (%s)', async (_, token, reason) => {
      expect(await refusal(token)).toBe(reason);
    });

    it('refuses a token whose signature is not base64url', async () => {
      const [header, payload] = (await issuer.mint()).split('.');
      expect(await refusal(`${header}.${payload}.!!!`)).toBe('malformed token');
    });
  });

  describe('signing keys', () => {
    it('fetches the JWKS once and keeps it between verifications', async () => {
      const verifier = verifierFor();
      const before = issuer.jwksRequests;
      for (let i = 0; i < 5; i += 1) await verifier.verify(await issuer.mint());
      expect(issuer.jwksRequests).toBe(before + 1);
    });

    it('keeps one JWKS per tenant', async () => {
      const verifier = verifierFor();
      const before = issuer.jwksRequests;
      for (let i = 0; i < 3; i += 1) {
        await verifier.verify(await issuer.mint());
        await verifier.verify(await issuer.mint({ tid: SECOND_TENANT_ID }));
      }
      expect(issuer.jwksRequests).toBe(before + 2);
    });

    it('after a key rotation, fetches the JWKS again and accepts tokens signed with the new key (and the old)', async () => {
      const verifier = verifierFor({ jwksCooldownMs: 0 });
      const oldToken = await issuer.mint();
      await verifier.verify(oldToken);
      const before = issuer.jwksRequests;

      await issuer.rotateKeys();
      const newToken = await issuer.mint();
      await expect(verifier.verify(newToken)).resolves.toMatchObject({ objectId: TEST_OBJECT_ID });
      expect(issuer.jwksRequests).toBe(before + 1);

      await verifier.verify(newToken);
      await verifier.verify(oldToken);
      expect(issuer.jwksRequests).toBe(before + 1);
    });

    it('with the default cooldown, refetches for an unknown kid only once 30 s have passed since the last fetch', async () => {
      const verifier = verifierFor();
      await verifier.verify(await issuer.mint());
      const before = issuer.jwksRequests;
      await issuer.rotateKeys();
      const rotated = await issuer.mint();

      // Made-up or just-rotated kids right after a fetch: refused, and the identity provider is not asked again.
      expect(await refusal(await issuer.mint({}, { kid: 'made-up' }), verifier)).toMatch(/^token signing key made-up is not one/);
      expect(await refusal(rotated, verifier)).toMatch(/^token signing key test-key-.+ is not one the identity provider publishes/);
      expect(issuer.jwksRequests).toBe(before);

      const realNow = Date.now.bind(Date);
      jest.spyOn(Date, 'now').mockImplementation(() => realNow() + 31_000);
      await expect(verifier.verify(rotated)).resolves.toMatchObject({ objectId: TEST_OBJECT_ID });
      expect(issuer.jwksRequests).toBe(before + 1);
    });
  });

  describe('identity provider unavailable', () => {
    let extra: Server | undefined;
    afterEach(async () => {
      if (extra) {
        extra.closeAllConnections();
        await new Promise((resolve) => extra?.close(resolve));
        extra = undefined;
      }
    });

    async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
      extra = createServer(handler);
      await new Promise<void>((resolve) => extra?.listen(0, '127.0.0.1', resolve));
      return `http://127.0.0.1:${(extra.address() as AddressInfo).port}`;
    }

    async function unavailability(verifier: EntraTokenVerifier): Promise<string> {
      const error = await verifier.verify(await issuer.mint()).then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(error).toBeInstanceOf(IdentityProviderUnavailableError);
      expect(error).not.toBeInstanceOf(InvalidTokenError);
      return (error as Error).message;
    }

    it('when nothing listens at the authority', async () => {
      const closed = await serve(() => undefined);
      await new Promise((resolve) => extra?.close(resolve));
      extra = undefined;
      const message = await unavailability(verifierFor({ authority: closed }));
      expect(message).toBe(`the identity provider's signing keys could not be fetched from ${closed}/${TEST_TENANT_ID}/discovery/v2.0/keys: fetch failed: ECONNREFUSED`);
    });

    it('when the JWKS endpoint answers with an error', async () => {
      const authority = await serve((_, res) => {
        res.statusCode = 500;
        res.end('oops');
      });
      expect(await unavailability(verifierFor({ authority }))).toMatch(/could not be fetched from .+: Expected 200 OK from the JSON Web Key Set HTTP response$/);
    });

    it('when the JWKS endpoint answers something that is not a key set', async () => {
      const authority = await serve((_, res) => {
        res.setHeader('content-type', 'application/json');
        res.end('{"keys":"nope"}');
      });
      expect(await unavailability(verifierFor({ authority }))).toMatch(/: the response is not a JSON Web Key Set$/);
    });

    it('when the JWKS endpoint does not answer in time', async () => {
      const authority = await serve(() => undefined); // never responds
      expect(await unavailability(verifierFor({ authority, jwksTimeoutMs: 200 }))).toMatch(/: no answer within 200 ms$/);
    });

    it('but a tenant that is not allowed is still refused as a bad token, without asking', async () => {
      const closed = await serve(() => undefined);
      await new Promise((resolve) => extra?.close(resolve));
      extra = undefined;
      expect(await refusal(await issuer.mint({ tid: FOREIGN_TENANT_ID }), verifierFor({ authority: closed }))).toBe(`token tenant ${FOREIGN_TENANT_ID} is not allowed`);
    });
  });
});
