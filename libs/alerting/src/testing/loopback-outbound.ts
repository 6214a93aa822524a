import { DestinationPolicy } from '../outbound/destination-policy';
import { OutboundClient, type OutboundClientOptions } from '../outbound/outbound-client';

/** Test receivers listen on loopback: the outbound client of a local deployment whose ALERT_ALLOWED_HOSTS admits it. */
export function loopbackOutbound(options: OutboundClientOptions = {}): OutboundClient {
  return new OutboundClient(new DestinationPolicy({ allowedHosts: ['127.0.0.1', '::1'], production: false }), options);
}
