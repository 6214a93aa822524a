import { AllowedHosts } from './allowed-hosts';
import { internalKindOfAddress, internalKindOfName, parseIpLiteral, type Address } from './internal-address';

export interface DestinationPolicySettings {
  /** ALERT_ALLOWED_HOSTS: host names, IP addresses or CIDRs admitted although internal. */
  allowedHosts?: readonly string[];
  /** NODE_ENV=production: https only. */
  production: boolean;
}

const NOT_ADMITTED = '(ALERT_ALLOWED_HOSTS does not admit it)';
const HTTP_IN_PRODUCTION = 'plain http in production (https only)';
const HTTP_BEYOND_LOOPBACK = 'plain http only to a loopback receiver that ALERT_ALLOWED_HOSTS admits, outside production (https otherwise)';

/**
 * Where an outbound request may go. https to a public address; an internal one (loopback, private, link-local,
 * unique-local, multicast, CGNAT, cloud metadata …) only when ALERT_ALLOWED_HOSTS admits it; plain http only to an
 * admitted loopback receiver outside production. A refusal is a short rule, safe to show and to record.
 */
export class DestinationPolicy {
  private readonly allowed: AllowedHosts;

  constructor(private readonly settings: DestinationPolicySettings) {
    this.allowed = new AllowedHosts(settings.allowedHosts);
  }

  static fromConfig(config: { NODE_ENV: string; ALERT_ALLOWED_HOSTS?: readonly string[] }): DestinationPolicy {
    return new DestinationPolicy({ allowedHosts: config.ALERT_ALLOWED_HOSTS, production: config.NODE_ENV === 'production' });
  }

  /** What can be told before resolving: the scheme, a host that is an IP address, a name internal by itself. */
  refusalOfUrl(url: URL): string | undefined {
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return `scheme ${url.protocol} (https only)`;
    if (url.protocol === 'http:' && this.settings.production) return HTTP_IN_PRODUCTION;
    const literal = parseIpLiteral(url.hostname);
    if (literal) return this.refusalOfAddress(url, literal);
    const kind = internalKindOfName(url.hostname);
    if (kind && !this.allowed.admitsName(url.hostname)) return `${kind} name ${url.hostname} ${NOT_ADMITTED}`;
    return undefined;
  }

  /** What the URL's host name resolves to: refused when any address is. */
  refusalOfAnswers(url: URL, answers: readonly string[]): string | undefined {
    // Plain http needs a destination known to be loopback; https to a name without an answer yet is judged on connecting.
    if (answers.length === 0 && url.protocol === 'http:') return this.settings.production ? HTTP_IN_PRODUCTION : HTTP_BEYOND_LOOPBACK;
    for (const answer of answers) {
      const address = parseIpLiteral(answer);
      const refusal = address ? this.refusalOfAddress(url, address) : `${url.hostname} resolves to something other than an IP address`;
      if (refusal) return refusal;
    }
    return undefined;
  }

  /** One address the URL's host resolves to (or is), judged when connecting to it. */
  private refusalOfAddress(url: URL, address: Address): string | undefined {
    const kind = internalKindOfAddress(address);
    const admitted = this.allowed.admitsName(url.hostname) || this.allowed.admitsAddress(address);
    if (kind && !admitted) {
      const named = parseIpLiteral(url.hostname) ? '' : `${url.hostname} resolves to `;
      return `${named}${kind} address ${address.toString()} ${NOT_ADMITTED}`;
    }
    if (url.protocol === 'http:') {
      if (this.settings.production) return HTTP_IN_PRODUCTION;
      if (kind !== 'loopback') return HTTP_BEYOND_LOOPBACK;
    }
    return undefined;
  }
}
