/**
 * A minimal misbehaving backend for tests: GET /healthz answers 200, every other request goes to `onPhone`
 * (which may never answer, destroy the socket, or answer garbage). `close()` also drops hanging connections.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TinyTarget {
  url: string;
  /** how many non-health requests arrived */
  hits(): number;
  close(): Promise<void>;
}

export async function startTinyTarget(
  onPhone: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<TinyTarget> {
  let hits = 0;
  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      return;
    }
    hits++;
    req.resume();
    onPhone(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits: () => hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
