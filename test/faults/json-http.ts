export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    what: string,
  ) {
    super(`${what} answered ${status}: ${JSON.stringify(body).slice(0, 300)}`);
  }
}

/** JSON over HTTP with a time limit on every call: a server that is down or hung fails the call, never the run. */
export class JsonHttp {
  constructor(
    readonly baseUrl: string,
    private readonly headers: Record<string, string> = {},
  ) {}

  async call<T>(method: string, path: string, body?: unknown, timeoutMs = 15_000): Promise<{ status: number; body: T }> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...this.headers },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
  }

  /** A long answer, such as a server-sent event stream, as it arrives: resolves once the headers are in. */
  async stream(path: string): Promise<Response> {
    const response = await fetch(`${this.baseUrl}${path}`, { headers: { accept: 'text/event-stream', ...this.headers } });
    if (!response.ok || !response.body) throw new HttpError(response.status, await response.text(), `GET ${path}`);
    return response;
  }

  /** The body of a 2xx answer; any other status throws an HttpError. */
  async ok<T>(method: string, path: string, body?: unknown): Promise<T> {
    const answer = await this.call<T>(method, path, body);
    if (answer.status < 200 || answer.status > 299) throw new HttpError(answer.status, answer.body, `${method} ${path}`);
    return answer.body;
  }
}
