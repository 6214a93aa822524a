import type { LookupFunction } from 'node:net';
import { OutboundFailure } from './outbound-failure';
import type { ResolveHost } from './resolver';

/**
 * The `lookup` a socket connects through: it resolves the name and refuses unless every address passes `refusalOf`, so
 * the addresses judged are the ones connected to, however the name answers another time (DNS rebinding).
 */
export function checkedLookup(resolve: ResolveHost, refusalOf: (answers: string[]) => string | undefined): LookupFunction {
  return (hostname, options, answer) => {
    resolve(hostname).then(
      (addresses) => {
        const refusal = refusalOf(addresses.map(({ address }) => address));
        const wanted = ({ IPv4: 4, IPv6: 6 } as Record<string, number>)[String(options.family)] ?? options.family;
        const usable = addresses.filter(({ family }) => !wanted || family === wanted);
        // Outside the promise: an exception in the socket's callback must not be taken for a failed lookup.
        process.nextTick(() => {
          if (refusal) answer(new OutboundFailure(`refused: ${refusal}`), '');
          else if (usable.length === 0) answer(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '');
          else if (options.all) answer(null, usable);
          else answer(null, usable[0].address, usable[0].family);
        });
      },
      (err: Error) => process.nextTick(() => answer(err, '')),
    );
  };
}
