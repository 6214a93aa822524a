// Runs the probes, a few at a time, and reports each answer that is not the expected one or that names another
// partner's data (beyond what the request itself said).
import type { Probe } from './cross-tenant-probes';
import type { Caller } from './partner-world';
import { send, type ProbeResponse } from './probe-client';

export interface Leak {
  caller: string;
  channel: string;
  request: string;
  status: number;
  problems: string[];
  /** The start of the answer. */
  answer: string;
}

function problemsOf(probe: Probe, response: ProbeResponse, markers: readonly string[]): string[] {
  const asked = `${decodeURIComponent(probe.request.path)} ${JSON.stringify(probe.request.body ?? null)}`.toLowerCase();
  const answered = `${JSON.stringify(response.headers)} ${response.text}`.toLowerCase();
  const named = markers.filter((marker) => !asked.includes(marker.toLowerCase()) && answered.includes(marker.toLowerCase()));
  const wrong = probe.check(response);
  return [...(wrong ? [wrong] : []), ...named.map((marker) => `the answer contains "${marker}"`)];
}

/** Sends every probe (`concurrency` at a time) and returns the leaks: none when the partners are isolated. */
export async function findLeaks(baseUrl: string, probes: readonly Probe[], markersOf: (caller: Caller) => string[], concurrency = 16): Promise<Leak[]> {
  const leaks: Leak[] = [];
  const markers = new Map(probes.map(({ caller }) => [caller, markersOf(caller)]));
  let next = 0;
  const worker = async () => {
    while (next < probes.length) {
      const probe = probes[next++];
      const response = await send(baseUrl, probe.caller, probe.channel, probe.request);
      const problems = problemsOf(probe, response, markers.get(probe.caller) ?? []);
      if (problems.length === 0) continue;
      const body = probe.request.body === undefined ? '' : ` ${JSON.stringify(probe.request.body)}`;
      leaks.push({
        caller: probe.caller.label,
        channel: probe.channel,
        request: `${probe.request.method} ${probe.request.path}${body}`,
        status: response.status,
        problems,
        answer: response.text.slice(0, 600),
      });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return leaks;
}
