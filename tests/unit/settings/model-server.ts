/**
 * A small model API for connection tests on 127.0.0.1: `/v1/models` behind an optional key, CORS on or off,
 * and a fetch that enforces CORS as a browser does (Node's fetch has no CORS), so the classifier sees real inputs.
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** How the server behaves; change fields between requests. */
export interface ModelServerOptions {
  cors: boolean;
  /** Required bearer key; none when undefined. */
  key?: string;
  /** Listed models; 'missing' answers 404; 'garbage' answers non-JSON; 'hang' never answers. */
  models: string[] | 'missing' | 'garbage' | 'hang';
  /** Models `/models/{id}` knows (answers 404 for the others). */
  known?: string[];
}

/** A running test server. */
export interface ModelServer {
  baseURL: string;
  options: ModelServerOptions;
  /** `authorization` header of each non-preflight request. */
  seenAuth: string[];
  close(): Promise<void>;
}

export async function startModelServer(options: ModelServerOptions): Promise<ModelServer> {
  const seenAuth: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    if (options.cors) {
      res.setHeader('access-control-allow-origin', req.headers.origin ?? '*');
      res.setHeader('access-control-allow-headers', 'authorization, content-type');
    }
    if (req.method === 'OPTIONS') return void res.writeHead(204).end();
    seenAuth.push(req.headers.authorization ?? '');
    if (options.models === 'hang') return;
    if (options.key !== undefined && req.headers.authorization !== `Bearer ${options.key}`) {
      return json(res, 401, { error: { message: 'Incorrect API key provided', type: 'invalid_request_error' } });
    }
    const single = /^\/v1\/models\/(.+)$/.exec(req.url ?? '');
    if (single) {
      const id = decodeURIComponent(single[1]);
      return (options.known ?? []).includes(id) ? json(res, 200, { id, object: 'model' }) : json(res, 404, { error: { message: `model ${id} not found` } });
    }
    if (req.url !== '/v1/models' || options.models === 'missing') return json(res, 404, { error: 'not found' });
    if (options.models === 'garbage') return void res.writeHead(200, { 'content-type': 'text/html' }).end('<html>hello</html>');
    json(res, 200, { object: 'list', data: options.models.map((id) => ({ id, object: 'model' })) });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    options,
    seenAuth,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

const SIMPLE_HEADERS = new Set(['accept', 'accept-language', 'content-language', 'content-type']);

/**
 * A fetch that behaves like a browser's for a page at `pageOrigin`: a preflight for non-simple headers, and a
 * TypeError (as browsers throw) when the server does not allow the origin or the headers. `*` never covers
 * `authorization`, as in the Fetch standard.
 */
export function browserFetch(pageOrigin: string): typeof fetch {
  const refused = () => new TypeError('Failed to fetch');
  const allowsOrigin = (response: Response) => {
    const allowed = response.headers.get('access-control-allow-origin');
    return allowed === '*' || allowed === pageOrigin;
  };
  return async (input, init) => {
    const url = String(input);
    const headers = new Headers(init?.headers);
    const custom = [...headers.keys()].filter((name) => !SIMPLE_HEADERS.has(name));
    if (custom.length) {
      const preflight = await fetch(url, {
        method: 'OPTIONS',
        headers: { origin: pageOrigin, 'access-control-request-method': 'GET', 'access-control-request-headers': custom.join(',') },
        signal: init?.signal,
      });
      const allowed = (preflight.headers.get('access-control-allow-headers') ?? '').toLowerCase().split(/\s*,\s*/);
      if (!preflight.ok || !allowsOrigin(preflight) || !custom.every((name) => allowed.includes(name))) throw refused();
    }
    headers.set('origin', pageOrigin);
    const response = await fetch(url, { ...init, headers });
    if (!allowsOrigin(response)) throw refused();
    return response;
  };
}
