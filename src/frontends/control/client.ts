import { TransportError } from '../../lib/errors';
import { DEFAULT_CONTROL_LISTEN } from './server';

export interface ControlClientOptions {
  /** Base URL of the control API (default http://127.0.0.1:9291). */
  url?: string;
  token?: string;
  timeoutMs?: number;
}

export interface ControlAnswer {
  status: number;
  /** The JSON body (errors: { error, message, device?, sensor?, field? }). */
  body: unknown;
}

/** The control API over HTTP, for `bmcbridge ctl` and tests. Network failures throw TransportError; HTTP errors are answers. */
export class ControlClient {
  readonly url: string;
  constructor(private readonly opts: ControlClientOptions = {}) {
    this.url = (opts.url ?? `http://${DEFAULT_CONTROL_LISTEN.host}:${DEFAULT_CONTROL_LISTEN.port}`).replace(/\/+$/, '');
  }

  /** A path with each parameter URL-encoded: path`/v1/devices/${name}/sensors/${sensor}`. */
  static path(strings: TemplateStringsArray, ...params: Array<string | number>): string {
    return strings.reduce((out, s, i) => out + s + (i < params.length ? encodeURIComponent(String(params[i])) : ''), '');
  }

  async request(method: 'GET' | 'PUT' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<ControlAnswer> {
    const headers: Record<string, string> = {};
    if (this.opts.token) headers.authorization = `Bearer ${this.opts.token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await fetch(this.url + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.opts.timeoutMs ?? 30_000),
      });
    } catch (e) {
      const cause = (e as { cause?: { code?: string; message?: string } }).cause;
      throw new TransportError(`cannot reach the control API at ${this.url}: ${cause?.code ?? cause?.message ?? (e as Error).message}`);
    }
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // Not JSON: kept as text (something else answers on that port).
    }
    return { status: res.status, body: parsed };
  }
}
