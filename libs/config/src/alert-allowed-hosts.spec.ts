import { loadAppConfig, ConfigError } from './app-config';
import { allowedHostProblem } from './alert-allowed-hosts';

describe('ALERT_ALLOWED_HOSTS', () => {
  it.each(['hooks.corp.internal', 'localhost', 'Receiver-1.example.', '127.0.0.1', '::1', '[::1]', '10.0.0.0/8', 'fd00::/8', '::ffff:10.0.0.0/104', '0.0.0.0/0'])(
    'admits %s as an entry',
    (entry) => expect(allowedHostProblem(entry)).toBeUndefined(),
  );

  it.each([
    ['http://hooks.example.com', 'must be a host name, an IP address or a CIDR'],
    ['hooks example', 'must be a host name, an IP address or a CIDR'],
    ['hooks.example.com/8', 'must be a host name, an IP address or a CIDR'],
    ['10.0.0.0/33', 'must be a CIDR such as 10.0.0.0/8 or fd00::/8 (an address, a slash, a prefix length)'],
    ['fd00::/129', 'must be a CIDR such as 10.0.0.0/8 or fd00::/8 (an address, a slash, a prefix length)'],
    ['10.0.0.0/8/8', 'must be a CIDR such as 10.0.0.0/8 or fd00::/8 (an address, a slash, a prefix length)'],
  ])('refuses %s: %s', (entry, problem) => expect(allowedHostProblem(entry)).toBe(problem));

  it('is read as a comma-separated list, empty as nothing, and refused naming each bad entry but not its value', () => {
    expect(loadAppConfig({ ALERT_ALLOWED_HOSTS: ' 127.0.0.1, ::1 ,,hooks.internal ' }).ALERT_ALLOWED_HOSTS).toEqual(['127.0.0.1', '::1', 'hooks.internal']);
    expect(loadAppConfig({ ALERT_ALLOWED_HOSTS: '' }).ALERT_ALLOWED_HOSTS).toBeUndefined();
    const refused = (() => {
      try {
        loadAppConfig({ ALERT_ALLOWED_HOSTS: '127.0.0.1,10.0.0.0/33,http://x' });
      } catch (err) {
        return err;
      }
    })();
    expect(refused).toBeInstanceOf(ConfigError);
    expect((refused as ConfigError).message).not.toContain('http://x');
    expect((refused as ConfigError).problems).toEqual([
      expect.stringMatching(/^ALERT_ALLOWED_HOSTS \(entry 2\): must be a CIDR/),
      expect.stringMatching(/^ALERT_ALLOWED_HOSTS \(entry 3\): must be a host name, an IP address or a CIDR$/),
    ]);
  });
});
