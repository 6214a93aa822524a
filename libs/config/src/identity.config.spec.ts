import { loadAppConfig } from './app-config';
import { identityConfigured, identityProblems } from './identity.config';
import { problemsOf } from './testing/config-problems';

const CONTOSO = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const FABRIKAM = '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a';
const RESELLER = '22222222-2222-2222-2222-222222222222';
const ENTRA = { ENTRA_CLIENT_ID: 'escalade-api', ENTRA_ALLOWED_TENANTS: `${CONTOSO},${FABRIKAM}` };
const PRODUCTION = { NODE_ENV: 'production', SECRETS_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64') };

describe('identity configuration', () => {
  it('is local mode on loopback when nothing is set', () => {
    const config = loadAppConfig({});

    expect(config).toMatchObject({ HOST: '127.0.0.1', ENTRA_CLIENT_ID: undefined, ENTRA_ALLOWED_TENANTS: undefined, ENTRA_TENANT_PARTNERS: undefined });
    expect(identityConfigured(config)).toBe(false);
  });

  it('takes Entra ID with its allowed tenants, comma-separated, trimmed and lower-cased, and may then listen on any interface', () => {
    const config = loadAppConfig({ ...ENTRA, ENTRA_ALLOWED_TENANTS: ` ${CONTOSO.toUpperCase()} , ${FABRIKAM},`, HOST: '0.0.0.0' });

    expect(config).toMatchObject({ ENTRA_CLIENT_ID: 'escalade-api', ENTRA_ALLOWED_TENANTS: [CONTOSO, FABRIKAM], HOST: '0.0.0.0' });
    expect(identityConfigured(config)).toBe(true);
  });

  it('refuses allowed tenants that are not GUIDs', () => {
    expect(problemsOf({ ...ENTRA, ENTRA_ALLOWED_TENANTS: `${CONTOSO},contoso.onmicrosoft.com` })).toEqual([
      'ENTRA_ALLOWED_TENANTS: must be tenant ids (GUIDs), comma-separated',
    ]);
  });

  it('refuses a partial configuration, naming the part missing', () => {
    expect(problemsOf({ ENTRA_CLIENT_ID: 'escalade-api' })).toEqual(['ENTRA_ALLOWED_TENANTS: is required with ENTRA_CLIENT_ID']);
    expect(problemsOf({ ENTRA_ALLOWED_TENANTS: CONTOSO })).toEqual(['ENTRA_CLIENT_ID: is required with ENTRA_ALLOWED_TENANTS']);
  });

  it("refuses production without identity for the API: production has no local mode (the worker, signing nobody in, loads it)", () => {
    const withoutIdentity = loadAppConfig(PRODUCTION);

    expect(identityProblems(withoutIdentity)).toEqual([
      'ENTRA_CLIENT_ID and ENTRA_ALLOWED_TENANTS are required with NODE_ENV=production: production has no local mode (docs/sign-in.md)',
    ]);
    expect(identityProblems(loadAppConfig({ ...PRODUCTION, ...ENTRA }))).toEqual([]);
    expect(identityProblems(loadAppConfig({ NODE_ENV: 'development' }))).toEqual([]);
  });

  it('keeps local mode on loopback: any other HOST would open the local admin key to the network', () => {
    for (const host of ['127.0.0.1', '::1', 'localhost']) expect(loadAppConfig({ HOST: host }).HOST).toBe(host);
    expect(problemsOf({ HOST: '0.0.0.0' })).toEqual([
      "HOST: must be a loopback address in local mode (no ENTRA_CLIENT_ID): the local admin key would be open to the network (in a container published on the host's loopback only: LOCAL_CONTAINER_STACK=true)",
    ]);
  });

  describe('ENTRA_TENANT_PARTNERS', () => {
    it('maps each sign-in tenant to the partner tenants it acts for, lower-cased', () => {
      const partners = JSON.stringify({ [CONTOSO.toUpperCase()]: [RESELLER, 'AAAAAAAA-AAAA-AAAA-AAAA-AAAAAAAAAAAA'] });

      expect(loadAppConfig({ ...ENTRA, ENTRA_TENANT_PARTNERS: partners }).ENTRA_TENANT_PARTNERS).toEqual({
        [CONTOSO]: [RESELLER, 'aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa'],
      });
    });

    it('takes ["*"]: the operator tenant acting for every partner tenant', () => {
      expect(loadAppConfig({ ...ENTRA, ENTRA_TENANT_PARTNERS: JSON.stringify({ [FABRIKAM]: ['*'] }) }).ENTRA_TENANT_PARTNERS).toEqual({ [FABRIKAM]: ['*'] });
    });

    it('refuses a sign-in tenant that is not in ENTRA_ALLOWED_TENANTS', () => {
      const partners = JSON.stringify({ [RESELLER]: [CONTOSO] });

      expect(problemsOf({ ...ENTRA, ENTRA_TENANT_PARTNERS: partners })).toEqual([
        `ENTRA_TENANT_PARTNERS: names tenant ${RESELLER}, which is not in ENTRA_ALLOWED_TENANTS`,
      ]);
    });

    it('refuses what is not JSON, or not a map of tenant ids to arrays of tenant ids', () => {
      expect(problemsOf({ ...ENTRA, ENTRA_TENANT_PARTNERS: `{${CONTOSO}: *}` })).toEqual(['ENTRA_TENANT_PARTNERS: must be JSON']);
      expect(problemsOf({ ...ENTRA, ENTRA_TENANT_PARTNERS: JSON.stringify({ [CONTOSO]: ['contoso.onmicrosoft.com'] }) }).join('\n')).toContain(
        'values must be arrays of partner tenant ids (GUIDs), or ["*"]',
      );
      expect(problemsOf({ ...ENTRA, ENTRA_TENANT_PARTNERS: JSON.stringify({ contoso: [RESELLER] }) }).join('\n')).toMatch(
        /^ENTRA_TENANT_PARTNERS \(at contoso\): keys must be tenant ids \(GUIDs\)$/,
      );
      expect(problemsOf({ ...ENTRA, ENTRA_TENANT_PARTNERS: JSON.stringify({ [CONTOSO]: RESELLER }) }).join('\n')).toMatch(
        new RegExp(`^ENTRA_TENANT_PARTNERS \\(at ${CONTOSO}\\): must be an array$`),
      );
    });
  });
});
