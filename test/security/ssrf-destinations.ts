const NOT_ADMITTED = '(ALERT_ALLOWED_HOSTS does not admit it)';
/** The DTO's own check, for forms no URL validator takes for an http(s) URL although WHATWG URL reads them. */
export const URL_FORMAT = 'url must be an http:// or https:// URL';

export interface HostileDestination {
  /** `{v4}` and `{v6}`: the ports of the canaries on 127.0.0.1 and ::1. */
  url: string;
  /** What refuses it: a delivery records `refused: <rule>`. */
  rule: string;
  /** The 400's problem for `url` when not `url is refused: <rule>`. */
  subscribing?: string;
}

const address = (kind: string, ip: string) => `${kind} address ${ip} ${NOT_ADMITTED}`;
const name = (kind: string, host: string) => `${kind} name ${host} ${NOT_ADMITTED}`;
const resolved = (host: string, kind: string, ip: string) => `${host} resolves to ${address(kind, ip)}`;
const LOOPBACK_V4 = address('loopback', '127.0.0.1');

/** What the fake DNS answers for the suite's names (see fakeDns); `rebinding.ssrf.test` answers public, then loopback. */
export const HOSTILE_ZONE = {
  'loopback.ssrf.test': [[{ address: '127.0.0.1', family: 4 as const }]],
  'mapped.ssrf.test': [[{ address: '::ffff:127.0.0.1', family: 6 as const }]],
  'v6.ssrf.test': [[{ address: '::1', family: 6 as const }]],
  'dual.ssrf.test': [[{ address: '93.184.215.14', family: 4 as const }, { address: '127.0.0.1', family: 4 as const }]],
  'private.ssrf.test': [[{ address: '10.0.0.5', family: 4 as const }]],
  'metadata.ssrf.test': [[{ address: '169.254.169.254', family: 4 as const }]],
  'rebinding.ssrf.test': [[{ address: '93.184.215.14', family: 4 as const }], [{ address: '127.0.0.1', family: 4 as const }]],
};

/**
 * Destinations an alert subscription must never reach, with ALERT_ALLOWED_HOSTS admitting 127.0.0.2 only: loopback
 * in every spelling, private, link-local, unique-local, multicast, CGNAT, metadata, addresses that embed loopback, names
 * that are or resolve to any of those, other schemes.
 */
export const HOSTILE_DESTINATIONS: HostileDestination[] = [
  { url: 'http://127.0.0.1:{v4}/admin', rule: LOOPBACK_V4 },
  { url: 'https://127.0.0.1:{v4}/admin', rule: LOOPBACK_V4 },
  { url: 'http://127.0.0.3:{v4}/admin', rule: address('loopback', '127.0.0.3') },
  { url: 'http://2130706433:{v4}/', rule: LOOPBACK_V4, subscribing: URL_FORMAT },
  { url: 'http://0177.0.0.1:{v4}/', rule: LOOPBACK_V4, subscribing: URL_FORMAT },
  { url: 'http://017700000001:{v4}/', rule: LOOPBACK_V4, subscribing: URL_FORMAT },
  { url: 'http://0x7f000001:{v4}/', rule: LOOPBACK_V4 },
  { url: 'http://0x7f.0.0.1:{v4}/', rule: LOOPBACK_V4, subscribing: URL_FORMAT },
  { url: 'http://127.1:{v4}/', rule: LOOPBACK_V4, subscribing: URL_FORMAT },
  { url: 'http://127.000.000.001:{v4}/', rule: LOOPBACK_V4, subscribing: URL_FORMAT },
  { url: 'http://%31%32%37.0.0.1:{v4}/', rule: LOOPBACK_V4, subscribing: URL_FORMAT },
  { url: 'http://hooks.example.com@127.0.0.1:{v4}/', rule: LOOPBACK_V4 },
  { url: 'http://127.0.0.1:{v4}#@hooks.example.com/', rule: LOOPBACK_V4 },
  { url: 'http://0.0.0.0:{v4}/', rule: address('unspecified', '0.0.0.0') },
  { url: 'http://0:{v4}/', rule: address('unspecified', '0.0.0.0'), subscribing: URL_FORMAT },
  { url: 'http://[::1]:{v6}/', rule: address('loopback', '::1') },
  { url: 'http://[0:0:0:0:0:0:0:1]:{v6}/', rule: address('loopback', '::1') },
  { url: 'http://[::]:{v6}/', rule: address('unspecified', '::') },
  { url: 'http://[::ffff:127.0.0.1]:{v4}/', rule: LOOPBACK_V4 },
  { url: 'http://[::ffff:7f00:1]:{v4}/', rule: LOOPBACK_V4 },
  { url: 'http://[0:0:0:0:0:ffff:127.0.0.1]:{v4}/', rule: LOOPBACK_V4 },
  { url: 'http://[::127.0.0.1]:{v4}/', rule: address('special-purpose', '::7f00:1') },
  { url: 'https://[64:ff9b::7f00:1]/', rule: address('special-purpose', '64:ff9b::7f00:1') },
  { url: 'https://[2002:7f00:1::]/', rule: address('special-purpose', '2002:7f00:1::') },
  { url: 'http://localhost:{v4}/', rule: name('loopback', 'localhost') },
  { url: 'http://LOCALHOST:{v4}/', rule: name('loopback', 'localhost') },
  { url: 'http://localhost.:{v4}/', rule: name('loopback', 'localhost.'), subscribing: URL_FORMAT },
  { url: 'http://LocalHost.:{v4}/', rule: name('loopback', 'localhost.'), subscribing: URL_FORMAT },
  { url: 'http://api.localhost:{v4}/', rule: name('loopback', 'api.localhost') },
  { url: 'http://loopback.ssrf.test:{v4}/', rule: resolved('loopback.ssrf.test', 'loopback', '127.0.0.1') },
  { url: 'https://loopback.ssrf.test:{v4}/', rule: resolved('loopback.ssrf.test', 'loopback', '127.0.0.1') },
  { url: 'http://mapped.ssrf.test:{v4}/', rule: resolved('mapped.ssrf.test', 'loopback', '127.0.0.1') },
  { url: 'http://v6.ssrf.test:{v6}/', rule: resolved('v6.ssrf.test', 'loopback', '::1') },
  { url: 'https://dual.ssrf.test:{v4}/', rule: resolved('dual.ssrf.test', 'loopback', '127.0.0.1') },
  { url: 'https://private.ssrf.test/', rule: resolved('private.ssrf.test', 'private', '10.0.0.5') },
  { url: 'https://metadata.ssrf.test/latest/meta-data/', rule: resolved('metadata.ssrf.test', 'cloud metadata', '169.254.169.254') },
  { url: 'http://metadata.google.internal/computeMetadata/v1/', rule: name('cloud metadata', 'metadata.google.internal') },
  { url: 'http://169.254.169.254/latest/meta-data/iam/security-credentials/', rule: address('cloud metadata', '169.254.169.254') },
  { url: 'https://169.254.170.2/v2/credentials', rule: address('cloud metadata', '169.254.170.2') },
  { url: 'https://[fd00:ec2::254]/latest/meta-data/', rule: address('cloud metadata', 'fd00:ec2::254') },
  { url: 'https://168.63.129.16/machine', rule: address('cloud metadata', '168.63.129.16') },
  { url: 'https://100.100.100.200/latest/meta-data/', rule: address('cloud metadata', '100.100.100.200') },
  { url: 'http://10.0.0.5/', rule: address('private', '10.0.0.5') },
  { url: 'https://172.16.0.1/', rule: address('private', '172.16.0.1') },
  { url: 'https://172.31.255.254/', rule: address('private', '172.31.255.254') },
  { url: 'https://192.168.0.1/', rule: address('private', '192.168.0.1') },
  { url: 'https://100.64.0.1/', rule: address('CGNAT', '100.64.0.1') },
  { url: 'https://169.254.0.1/', rule: address('link-local', '169.254.0.1') },
  { url: 'https://[fe80::1]/', rule: address('link-local', 'fe80::1') },
  { url: 'https://[fd00::1]/', rule: address('unique-local', 'fd00::1') },
  { url: 'https://224.0.0.1/', rule: address('multicast', '224.0.0.1') },
  { url: 'https://[ff02::1]/', rule: address('multicast', 'ff02::1') },
  { url: 'https://255.255.255.255/', rule: address('broadcast', '255.255.255.255') },
  { url: 'ftp://127.0.0.1:{v4}/', rule: 'scheme ftp: (https only)', subscribing: URL_FORMAT },
  { url: 'file:///etc/passwd', rule: 'scheme file: (https only)', subscribing: URL_FORMAT },
];
