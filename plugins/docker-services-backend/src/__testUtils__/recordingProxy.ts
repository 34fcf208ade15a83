import http from 'node:http';
import { AddressInfo } from 'node:net';

/**
 * An HTTP proxy on loopback in front of a real Docker engine's socket. It
 * records every Engine API call the plugin makes, so a test can check them
 * against the plugin's Engine allow-list. Not a fake: every call reaches the
 * real engine and every answer comes from it.
 */
export interface RecordingProxy {
  url: string;
  /** `METHOD /path` with the API version prefix and query removed. */
  calls: string[];
  /** Requests to the engine still open (streams such as followed logs). */
  openRequests(): string[];
  /**
   * Fault injection for what a real engine cannot do on demand: calls
   * matching `pattern` still reach the engine, but their answers never
   * come back, as when a slow engine outlives the client's timeout.
   */
  holdResponsesTo(pattern: RegExp | undefined): void;
  /**
   * Fault injection: answers to calls matching `pattern` come back `ms`
   * late (the engine did the work at once), as from an engine that is slow
   * to reply.
   */
  delayResponsesTo(pattern: RegExp | undefined, ms?: number): void;
  /**
   * Fault injection: ends the open requests matching `pattern` (such as
   * `GET /events`) on both sides, as a dropped connection would; returns
   * how many were cut.
   */
  cutOpenRequests(pattern: RegExp): number;
  /** Requests received and answers passed back, in order. */
  timeline: string[];
  close(): Promise<void>;
}

export async function startRecordingProxy(
  socketPath = '/var/run/docker.sock',
): Promise<RecordingProxy> {
  const calls: string[] = [];
  const open = new Set<string>();
  const cutters = new Map<string, () => void>();
  let counter = 0;
  const timeline: string[] = [];
  const proxy = {
    holdResponsesTo: undefined as RegExp | undefined,
    delayResponsesTo: undefined as RegExp | undefined,
    delayMs: 0,
  };
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0].replace(/^\/v\d+\.\d+/, '');
    const call = `${req.method} ${path}`;
    calls.push(call);
    timeline.push(`request ${call}`);
    const key = `${counter++} ${call}`;
    open.add(key);
    const hold = proxy.holdResponsesTo?.test(call) ?? false;
    const delay = proxy.delayResponsesTo?.test(call) ? proxy.delayMs : 0;
    const upstream = http.request(
      { socketPath, path: req.url, method: req.method, headers: req.headers },
      upstreamRes => {
        if (hold) {
          // FAULT (named fake): the engine did the work, its answer is lost.
          upstreamRes.resume();
          return;
        }
        const answer = () => {
          timeline.push(`response ${call}`);
          res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
          upstreamRes.pipe(res);
        };
        if (delay > 0) {
          // FAULT (named fake): the engine answered; the answer comes late.
          upstreamRes.pause();
          setTimeout(answer, delay);
        } else {
          answer();
        }
      },
    );
    cutters.set(key, () => {
      upstream.destroy();
      res.destroy();
    });
    upstream.on('close', () => {
      open.delete(key);
      cutters.delete(key);
    });
    upstream.on('error', () => res.destroy());
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    openRequests: () => [...open].map(k => k.slice(k.indexOf(' ') + 1)),
    holdResponsesTo: pattern => {
      proxy.holdResponsesTo = pattern;
    },
    delayResponsesTo: (pattern, ms = 0) => {
      proxy.delayResponsesTo = pattern;
      proxy.delayMs = ms;
    },
    cutOpenRequests: pattern => {
      const matching = [...cutters].filter(([key]) =>
        pattern.test(key.slice(key.indexOf(' ') + 1)),
      );
      matching.forEach(([, cut]) => cut());
      return matching.length;
    },
    timeline,
    close: () =>
      new Promise(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * The Engine API calls the plugin may make: negotiation, labelled list,
 * inspect, start, stop, restart, logs, one stats sample, container events;
 * for Swarm services on managers: `/info` (is it a manager?), labelled
 * service list, service inspect, tasks of named services, the node list
 * (node names and which are down), service logs and service update (scale
 * and rolling restart only), and service and node events.
 */
export const ENGINE_ALLOW_LIST: RegExp[] = [
  /^GET \/_ping$/,
  /^HEAD \/_ping$/,
  /^GET \/version$/,
  /^GET \/containers\/json$/,
  /^GET \/containers\/[0-9a-f]{64}\/json$/,
  /^POST \/containers\/[0-9a-f]{64}\/(start|stop|restart)$/,
  /^GET \/containers\/[0-9a-f]{64}\/logs$/,
  /^GET \/containers\/[0-9a-f]{64}\/stats$/,
  /^GET \/events$/,
  /^GET \/info$/,
  /^GET \/services$/,
  /^GET \/services\/[a-z0-9]{25}$/,
  /^GET \/services\/[a-z0-9]{25}\/logs$/,
  /^POST \/services\/[a-z0-9]{25}\/update$/,
  /^GET \/tasks$/,
  /^GET \/nodes$/,
];

export function callsOutsideAllowList(calls: string[]): string[] {
  return calls.filter(call => !ENGINE_ALLOW_LIST.some(re => re.test(call)));
}

/**
 * Calls about containers, without the background ones every backend makes
 * (API negotiation, the event streams that feed live state, the Swarm
 * manager check).
 */
export function containerCalls(calls: string[]): string[] {
  return calls.filter(
    call => !/^(GET|HEAD) \/(version|_ping|events|info)$/.test(call),
  );
}
