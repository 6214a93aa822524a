import { loadAppConfig } from './app-config';
import { trustProxy } from './trust-proxy.config';

describe('TRUST_PROXY', () => {
  it.each([
    ['', undefined],
    ['1', 1],
    [' 2 ', 2],
    ['loopback', ['loopback']],
    ['10.0.0.0/8, 192.168.1.7,uniquelocal', ['10.0.0.0/8', '192.168.1.7', 'uniquelocal']],
    ['fd00::/8,::1', ['fd00::/8', '::1']],
  ])('takes %j as Express takes it', (value, parsed) => {
    expect(trustProxy.parse(value)).toEqual(parsed);
  });

  it.each(['true', 'proxy.internal', '10.0.0.0/33', '::1/129', '10.0.0.1/8/8', '1,', '100'])('refuses %j', (value) => {
    expect(trustProxy.safeParse(value).success).toBe(false);
  });

  it('is unset by default (the socket address is the client), and names the rule, never the value, when wrong', () => {
    expect(loadAppConfig({}).TRUST_PROXY).toBeUndefined();
    expect(() => loadAppConfig({ TRUST_PROXY: 'secret-host.internal' })).toThrow(/TRUST_PROXY.*must be a number of proxies/);
    expect(() => loadAppConfig({ TRUST_PROXY: 'secret-host.internal' })).not.toThrow(/secret-host/);
  });
});
