import { z } from 'zod';

/** docker-compose.yml's own stack: what local mode may assume inside one of its containers. */
export const containerStackSchema = {
  /**
   * `true`: this process is a container of a stack on one host (docker-compose.yml), on a network private to that host,
   * with its ports published on the host's loopback only. Local mode may then listen on every interface of the
   * container (HOST=0.0.0.0), which is how a published port reaches it, and, outside production, renew the simulator's
   * tokens over plain http at its container (ENTRA_AUTHORITY_URL=http://simulator:3100).
   */
  LOCAL_CONTAINER_STACK: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
};

interface StackSettings {
  NODE_ENV: string;
  MICROSOFT_SUPPORT: string;
  LOCAL_CONTAINER_STACK: boolean;
}

/** A compose service's name: one label, which no public host and no IP address has. */
const SERVICE_NAME = /^[a-z0-9]([a-z0-9_-]*[a-z0-9])?$/i;

/**
 * The simulator's container, reached in clear: its registration opens only the simulator, and the traffic stays on the
 * host's private network. Only for MICROSOFT_SUPPORT=simulator outside production, so real credentials never go in clear.
 */
export function simulatorContainer(settings: StackSettings, url: URL): boolean {
  return (
    settings.LOCAL_CONTAINER_STACK &&
    settings.NODE_ENV !== 'production' &&
    settings.MICROSOFT_SUPPORT === 'simulator' &&
    url.protocol === 'http:' &&
    SERVICE_NAME.test(url.hostname)
  );
}
