import { DestinationPolicy } from './destination-policy';

const NOT_ADMITTED = '(ALERT_ALLOWED_HOSTS does not admit it)';
const HTTP_BEYOND_LOOPBACK = 'plain http only to a loopback receiver that ALERT_ALLOWED_HOSTS admits, outside production (https otherwise)';

const policy = (allowedHosts?: string[], production = false) => new DestinationPolicy({ allowedHosts, production });
/** The refusal of `url` as the client judges it: the URL's, then, for a host name, that of what it resolves to. */
const refusal = (target: DestinationPolicy, url: string, answers?: string[]) =>
  target.refusalOfUrl(new URL(url)) ?? (answers ? target.refusalOfAnswers(new URL(url), answers) : undefined);

describe('DestinationPolicy', () => {
  describe('with ALERT_ALLOWED_HOSTS unset, in local mode', () => {
    const local = policy();

    it.each([
      ['https://hooks.example.com/escalade', ['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c']],
      ['https://93.184.215.14/escalade', []],
      ['https://[2606:4700:4700::1111]:8443/escalade', []],
    ])('admits https to a public destination: %s', (url, answers) => {
      expect(refusal(local, url, answers)).toBeUndefined();
    });

    it.each([
      ['http://127.0.0.1:8080/admin', 'loopback address 127.0.0.1'],
      ['https://2130706433/', 'loopback address 127.0.0.1'],
      ['https://0177.0.0.1/', 'loopback address 127.0.0.1'],
      ['https://0x7f000001/', 'loopback address 127.0.0.1'],
      ['https://127.1/', 'loopback address 127.0.0.1'],
      ['https://127.255.255.254/', 'loopback address 127.255.255.254'],
      ['https://[::1]/', 'loopback address ::1'],
      ['https://[::ffff:127.0.0.1]/', 'loopback address 127.0.0.1'],
      ['https://[0:0:0:0:0:ffff:7f00:1]/', 'loopback address 127.0.0.1'],
      ['https://0.0.0.0/', 'unspecified address 0.0.0.0'],
      ['https://0/', 'unspecified address 0.0.0.0'],
      ['https://[::]/', 'unspecified address ::'],
      ['https://10.0.0.5/', 'private address 10.0.0.5'],
      ['https://172.16.0.1/', 'private address 172.16.0.1'],
      ['https://172.31.255.255/', 'private address 172.31.255.255'],
      ['https://192.168.1.1/', 'private address 192.168.1.1'],
      ['https://[::ffff:10.0.0.5]/', 'private address 10.0.0.5'],
      ['https://100.64.0.1/', 'CGNAT address 100.64.0.1'],
      ['https://169.254.1.1/', 'link-local address 169.254.1.1'],
      ['https://[fe80::1]/', 'link-local address fe80::1'],
      ['https://[fd00::1]/', 'unique-local address fd00::1'],
      ['https://[fc00::1]/', 'unique-local address fc00::1'],
      ['https://224.0.0.1/', 'multicast address 224.0.0.1'],
      ['https://[ff02::1]/', 'multicast address ff02::1'],
      ['https://255.255.255.255/', 'broadcast address 255.255.255.255'],
      ['https://169.254.169.254/latest/meta-data/', 'cloud metadata address 169.254.169.254'],
      ['https://[::ffff:169.254.169.254]/', 'cloud metadata address 169.254.169.254'],
      ['https://[fd00:ec2::254]/', 'cloud metadata address fd00:ec2::254'],
      ['https://169.254.170.2/v2/credentials', 'cloud metadata address 169.254.170.2'],
      ['https://168.63.129.16/', 'cloud metadata address 168.63.129.16'],
      ['https://100.100.100.200/', 'cloud metadata address 100.100.100.200'],
      ['https://[::7f00:1]/', 'special-purpose address ::7f00:1'],
      ['https://[64:ff9b::7f00:1]/', 'special-purpose address 64:ff9b::7f00:1'],
      ['https://[2002:7f00:1::1]/', 'special-purpose address 2002:7f00:1::1'],
      ['https://198.18.0.1/', 'special-purpose address 198.18.0.1'],
      ['https://240.0.0.1/', 'special-purpose address 240.0.0.1'],
    ])('refuses %s: %s', (url, rule) => {
      expect(refusal(local, url)).toBe(`${rule} ${NOT_ADMITTED}`);
    });

    it.each([
      ['https://localhost/', 'loopback name localhost'],
      ['https://LOCALHOST:8080/', 'loopback name localhost'],
      ['https://localhost./', 'loopback name localhost.'],
      ['https://api.localhost/', 'loopback name api.localhost'],
      ['https://metadata.google.internal/computeMetadata/v1/', 'cloud metadata name metadata.google.internal'],
      ['https://METADATA.google.internal./', 'cloud metadata name metadata.google.internal.'],
      ['https://instance-data/latest/', 'cloud metadata name instance-data'],
    ])('refuses %s by its name alone, without resolving it: %s', (url, rule) => {
      expect(local.refusalOfUrl(new URL(url))).toBe(`${rule} ${NOT_ADMITTED}`);
    });

    it('refuses a name when any address it resolves to is internal', () => {
      expect(refusal(local, 'https://rebound.example/', ['127.0.0.1'])).toBe(`rebound.example resolves to loopback address 127.0.0.1 ${NOT_ADMITTED}`);
      expect(refusal(local, 'https://mixed.example/', ['93.184.215.14', '10.1.2.3'])).toBe(
        `mixed.example resolves to private address 10.1.2.3 ${NOT_ADMITTED}`,
      );
      expect(refusal(local, 'https://odd.example/', ['not-an-address'])).toBe('odd.example resolves to something other than an IP address');
    });

    it('refuses other schemes, and plain http to anything but an admitted loopback receiver', () => {
      expect(refusal(local, 'ftp://hooks.example.com/')).toBe('scheme ftp: (https only)');
      expect(refusal(local, 'http://hooks.example.com/', ['93.184.215.14'])).toBe(HTTP_BEYOND_LOOPBACK);
      expect(refusal(local, 'http://93.184.215.14/')).toBe(HTTP_BEYOND_LOOPBACK);
      expect(refusal(policy(['127.0.0.1']), 'http://not-resolved.example/', [])).toBe(HTTP_BEYOND_LOOPBACK);
      expect(refusal(local, 'https://not-resolved.example/', [])).toBeUndefined();
    });
  });

  describe('with ALERT_ALLOWED_HOSTS', () => {
    it('admits a loopback receiver over plain http outside production only, under any name for an IP entry', () => {
      const allowed = policy(['127.0.0.1']);
      expect(refusal(allowed, 'http://127.0.0.1:8080/hooks')).toBeUndefined();
      expect(refusal(allowed, 'http://[::ffff:127.0.0.1]:8080/hooks')).toBeUndefined();
      expect(refusal(allowed, 'http://receiver.test:8080/hooks', ['127.0.0.1'])).toBeUndefined();
      expect(refusal(allowed, 'http://127.0.0.2:8080/hooks')).toBe(`loopback address 127.0.0.2 ${NOT_ADMITTED}`);
      expect(refusal(allowed, 'http://[::1]:8080/hooks')).toBe(`loopback address ::1 ${NOT_ADMITTED}`);
      expect(refusal(allowed, 'http://localhost:8080/hooks')).toBe(`loopback name localhost ${NOT_ADMITTED}`);
      expect(refusal(policy(['127.0.0.1'], true), 'http://127.0.0.1:8080/hooks')).toBe('plain http in production (https only)');
      expect(refusal(policy(['127.0.0.1'], true), 'https://127.0.0.1:8443/hooks')).toBeUndefined();
    });

    it('admits what a host name resolves to for that name only', () => {
      const allowed = policy(['localhost', 'Hooks.Corp.Internal.']);
      expect(refusal(allowed, 'http://localhost:8080/hooks', ['127.0.0.1', '::1'])).toBeUndefined();
      expect(refusal(allowed, 'https://hooks.corp.internal/', ['10.20.30.40'])).toBeUndefined();
      expect(refusal(allowed, 'https://other.corp.internal/', ['10.20.30.40'])).toBe(
        `other.corp.internal resolves to private address 10.20.30.40 ${NOT_ADMITTED}`,
      );
      expect(refusal(allowed, 'http://hooks.corp.internal/', ['10.20.30.40'])).toBe(HTTP_BEYOND_LOOPBACK);
    });

    it('admits the addresses of a CIDR, IPv4-mapped ranges as IPv4', () => {
      const allowed = policy(['10.0.0.0/8', 'fd00::/8', '::ffff:192.168.0.0/112']);
      expect(refusal(allowed, 'https://10.255.0.1/')).toBeUndefined();
      expect(refusal(allowed, 'https://[fd12::1]/')).toBeUndefined();
      expect(refusal(allowed, 'https://192.168.7.7/')).toBeUndefined();
      expect(refusal(allowed, 'https://11.0.0.1/')).toBeUndefined(); // public anyway
      expect(refusal(allowed, 'https://172.16.0.1/')).toBe(`private address 172.16.0.1 ${NOT_ADMITTED}`);
      expect(refusal(allowed, 'https://[fe80::1]/')).toBe(`link-local address fe80::1 ${NOT_ADMITTED}`);
    });

    it('admits metadata only when listed, like any internal destination', () => {
      expect(refusal(policy(['169.254.169.254']), 'https://169.254.169.254/')).toBeUndefined();
      expect(refusal(policy(['169.254.0.0/16']), 'https://169.254.169.254/')).toBeUndefined();
      expect(refusal(policy(['10.0.0.0/8']), 'https://169.254.169.254/')).toBe(`cloud metadata address 169.254.169.254 ${NOT_ADMITTED}`);
    });

    it('admits nothing internal when empty, in every mode', () => {
      for (const production of [false, true]) {
        expect(refusal(policy([], production), 'https://10.0.0.1/')).toBe(`private address 10.0.0.1 ${NOT_ADMITTED}`);
        expect(refusal(policy(undefined, production), 'https://[::1]/')).toBe(`loopback address ::1 ${NOT_ADMITTED}`);
      }
    });

    it('refuses an entry that is no host name, address or CIDR, without showing it', () => {
      expect(() => policy(['127.0.0.1', '10.0.0.0/33'])).toThrow('ALERT_ALLOWED_HOSTS: entry 2 must be a CIDR');
      expect(() => policy(['http://hooks.example.com'])).toThrow(/^ALERT_ALLOWED_HOSTS: entry 1 must be a host name, an IP address or a CIDR$/);
    });
  });
});
