import { loadAppConfig } from './app-config';
import { problemsOf } from './testing/config-problems';

const STACK = { LOCAL_CONTAINER_STACK: 'true' };
const SIMULATOR = { MICROSOFT_SUPPORT: 'simulator', ENTRA_AUTHORITY_URL: 'http://simulator:3100' };
const AUTHORITY_PROBLEM =
  'ENTRA_AUTHORITY_URL: must be https (plain http only to the simulator: on loopback, or at its container with LOCAL_CONTAINER_STACK=true outside production)';

describe('LOCAL_CONTAINER_STACK', () => {
  it('is off unless set, and takes only true or false', () => {
    expect(loadAppConfig({}).LOCAL_CONTAINER_STACK).toBe(false);
    expect(loadAppConfig(STACK).LOCAL_CONTAINER_STACK).toBe(true);
    expect(problemsOf({ LOCAL_CONTAINER_STACK: 'yes' })).toEqual(["LOCAL_CONTAINER_STACK: must be one of true, false"]);
  });

  it("lets local mode listen on the container's every interface, which its loopback-published port reaches", () => {
    expect(loadAppConfig({ ...STACK, HOST: '0.0.0.0' })).toMatchObject({ HOST: '0.0.0.0', ENTRA_CLIENT_ID: undefined });
    expect(problemsOf({ HOST: '0.0.0.0' })).toEqual([expect.stringMatching(/^HOST: must be a loopback address in local mode/)]);
  });

  it("renews the simulator's tokens at its container in clear, outside production only", () => {
    expect(loadAppConfig({ ...STACK, ...SIMULATOR }).ENTRA_AUTHORITY_URL).toBe('http://simulator:3100');
    expect(problemsOf(SIMULATOR)).toEqual([AUTHORITY_PROBLEM]);
    expect(problemsOf({ ...STACK, ...SIMULATOR, NODE_ENV: 'production', SECRETS_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64') })).toEqual([
      AUTHORITY_PROBLEM,
    ]);
  });

  it('never sends real credentials in clear: not with Partner Center, not to a host that is not a container', () => {
    expect(problemsOf({ ...STACK, ...SIMULATOR, MICROSOFT_SUPPORT: 'partner-center', PARTNER_CENTER_TOKEN: 'dev-token' })).toEqual([AUTHORITY_PROBLEM]);
    expect(problemsOf({ ...STACK, ...SIMULATOR, ENTRA_AUTHORITY_URL: 'http://login.example.com' })).toEqual([AUTHORITY_PROBLEM]);
    expect(problemsOf({ ...STACK, ...SIMULATOR, ENTRA_AUTHORITY_URL: 'http://10.0.0.7:3100' })).toEqual([AUTHORITY_PROBLEM]);
  });
});
