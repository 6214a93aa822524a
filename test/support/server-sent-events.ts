export interface ServerSentEvent {
  id?: string;
  event?: string;
  data: unknown;
}

/**
 * Reads a Server-Sent Events response until `done` says so (or the time runs out, which fails),
 * then closes the connection.
 */
export async function readServerSentEvents(
  url: string,
  done: (events: ServerSentEvent[]) => boolean,
  { timeoutMs = 30_000, headers = {} }: { timeoutMs?: number; headers?: Record<string, string> } = {},
): Promise<ServerSentEvent[]> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(new Error(`no end of stream within ${timeoutMs} ms`)), timeoutMs);
  const events: ServerSentEvent[] = [];
  try {
    const response = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: abort.signal });
    if (!response.ok || !response.body) throw new Error(`${url} answered ${response.status}`);
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        events.push(parse(buffer.slice(0, end)));
        buffer = buffer.slice(end + 2);
      }
      if (done(events)) return events;
    }
    throw new Error(`stream ended after ${events.length} events`);
  } finally {
    clearTimeout(timer);
    abort.abort();
  }
}

function parse(block: string): ServerSentEvent {
  const fields: Record<string, string> = {};
  for (const line of block.split('\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon);
    const value = line.slice(colon + 1).replace(/^ /, '');
    fields[name] = name in fields ? `${fields[name]}\n${value}` : value;
  }
  return { id: fields.id, event: fields.event, data: fields.data === undefined ? undefined : JSON.parse(fields.data) };
}
