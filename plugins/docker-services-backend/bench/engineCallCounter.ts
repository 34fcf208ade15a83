/*
 * A recording proxy between the benchmarked backend and its Docker engine
 * (scripts/bench-portal, scripts/bench-load): a unix socket the backend is
 * configured with, every byte passed on to the engine's socket unchanged,
 * and every request line counted by what it asks for. The benchmark reads
 * the counts with `GET /_bench/calls` on the proxy's own socket (answered
 * by the proxy, never passed on), so it can say how many Engine calls its
 * list requests caused. Not part of the plugin.
 *
 * Kinds: `entityList` (a container list filtered by an entity's own label
 * value, `docker-services.entity=<ref>`: what the list route asks when it
 * cannot answer from its index), `indexList` (any other container list:
 * the index's reconciles and refreshes), `inspect`, `ping`, `events`,
 * `other`.
 * Usage: node … bench/engineCallCounter.ts <listen socket> <engine socket>
 */
import fs from 'node:fs';
import net from 'node:net';

export type CallKind =
  | 'entityList'
  | 'indexList'
  | 'inspect'
  | 'ping'
  | 'events'
  | 'other';

export type CallCounts = Record<CallKind, number>;

const REQUEST_LINE =
  /(?:^|\r\n)(GET|POST|PUT|DELETE|HEAD) (\/[^ \r\n]*) HTTP\/1\.[01]\r\n/g;
/** The longest request line kept between chunks. */
const MAX_TAIL = 8192;

/** What one request path asks the engine for. */
export function kindOf(path: string): CallKind {
  const bare = path.replace(/^\/v[0-9.]+/, '');
  const [pathname, query = ''] = bare.split('?');
  if (pathname === '/_ping') return 'ping';
  if (pathname === '/events') return 'events';
  if (/^\/containers\/[^/]+\/json$/.test(pathname)) return 'inspect';
  if (pathname === '/containers/json') {
    return /docker-services\.entity=[^"&]/.test(decodeURIComponent(query))
      ? 'entityList'
      : 'indexList';
  }
  return 'other';
}

export function startCounter(listen: string, upstream: string): net.Server {
  const counts: CallCounts = {
    entityList: 0,
    indexList: 0,
    inspect: 0,
    ping: 0,
    events: 0,
    other: 0,
  };
  fs.rmSync(listen, { force: true });
  const server = net.createServer(client => {
    let tail = '';
    let engine: net.Socket | undefined;
    client.on('error', () => engine?.destroy());
    client.on('data', (chunk: Buffer) => {
      const text = tail + chunk.toString('latin1');
      if (!engine && text.startsWith('GET /_bench/calls ')) {
        const body = JSON.stringify(counts);
        client.end(
          `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
        );
        return;
      }
      for (const match of text.matchAll(REQUEST_LINE)) {
        counts[kindOf(match[2])] += 1;
      }
      const lastBreak = text.lastIndexOf('\r\n');
      tail = text.slice(Math.max(lastBreak, text.length - MAX_TAIL));
      if (!engine) {
        engine = net.connect(upstream);
        engine.on('error', () => client.destroy());
        engine.pipe(client);
      }
      engine.write(chunk);
    });
    client.on('end', () => engine?.end());
  });
  server.listen(listen);
  return server;
}

if (require.main === module) {
  const [listen, upstream] = process.argv.slice(2);
  if (!listen || !upstream) {
    console.error(
      'usage: engineCallCounter.ts <listen socket> <engine socket>',
    );
    process.exit(2);
  }
  startCounter(listen, upstream);
}
