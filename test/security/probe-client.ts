// Sends a probe over real HTTP with one of the three ways a credential travels, and reads Server-Sent Events for a while.
import type { Caller } from './partner-world';

/** Authorization: Bearer, X-API-Key, or the console's session cookie. */
export type Channel = 'bearer' | 'x-api-key' | 'cookie';
export const CHANNELS: readonly Channel[] = ['bearer', 'x-api-key', 'cookie'];

export interface ProbeRequest {
  method: 'GET' | 'POST' | 'DELETE';
  /** Path and query. */
  path: string;
  body?: unknown;
  /** A stream's answer is read for this long (default 300 ms), then the connection is closed. */
  streamForMs?: number;
}

export interface ProbeResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
  /** The JSON body, or undefined when it is not JSON (a stream). */
  json?: unknown;
  /** The `data` of each Server-Sent Event read whole. */
  events: unknown[];
}

function credentialHeaders(caller: Caller, channel: Channel): Record<string, string> {
  if (channel === 'bearer') return { authorization: `Bearer ${caller.credential}` };
  if (channel === 'x-api-key') return { 'x-api-key': caller.credential };
  return { cookie: caller.cookie };
}

export async function send(baseUrl: string, caller: Caller, channel: Channel, probe: ProbeRequest): Promise<ProbeResponse> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(new Error(`${probe.method} ${probe.path}: no answer within 10 s`)), 10_000);
  try {
    const response = await fetch(`${baseUrl}${probe.path}`, {
      method: probe.method,
      headers: { accept: 'application/json, text/event-stream', ...credentialHeaders(caller, channel), ...(probe.body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: probe.body === undefined ? undefined : JSON.stringify(probe.body),
      signal: abort.signal,
    });
    const headers = Object.fromEntries(response.headers.entries());
    if (!headers['content-type']?.startsWith('text/event-stream')) {
      const text = await response.text();
      return { status: response.status, headers, text, json: parseJson(text), events: [] };
    }
    const text = await readFor(response, probe.streamForMs ?? 300);
    return { status: response.status, headers, text, events: eventData(text) };
  } finally {
    clearTimeout(timer);
    abort.abort();
  }
}

async function readFor(response: Response, ms: number): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const until = Date.now() + ms;
  for (;;) {
    const left = until - Date.now();
    if (left <= 0) break;
    const chunk = await Promise.race([reader.read(), new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), left))]);
    if (!chunk || chunk.done) break;
    text += decoder.decode(chunk.value, { stream: true });
  }
  await reader.cancel().catch(() => undefined);
  return text;
}

/** The events read whole (the last one may be cut off when the reading stops; the raw text is still checked). */
function eventData(text: string): unknown[] {
  return text
    .split('\n')
    .filter((line) => line.startsWith('data:'))
    .map((line) => parseJson(line.slice('data:'.length).trim()))
    .filter((data) => data !== undefined);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
