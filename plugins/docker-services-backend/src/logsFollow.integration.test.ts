import { AddressInfo } from 'node:net';
import http from 'node:http';
import request from 'supertest';
import { callsOutsideAllowList } from './__testUtils__/recordingProxy';
import { ADMIN, asUser, OTHER, OWNER } from './__testUtils__/testBackend';
import {
  logsUrl,
  parseNdjson,
  useLogsWorld,
  WORLD_LOG_LIMITS,
} from './__testUtils__/logsWorld';

// Following logs live against the real engine: new lines, client departure,
// container stop, heartbeats and limits.
const w = useLogsWorld('follow');

describe('GET …/logs?follow=true', () => {
  it('follows: shows a line written after the request started, then ends when the client leaves', async () => {
    const address = w.server.address() as AddressInfo;
    const received: string[] = [];
    const started = Date.now();
    const req = http.get({
      host: '127.0.0.1',
      port: address.port,
      path: logsUrl(w.ticker, '?tail=0&follow=true&timestamps=true'),
      headers: asUser(OTHER),
    });
    const sawNewLine = new Promise<any>((resolve, reject) => {
      req.on('response', res => {
        let buffer = '';
        res.setEncoding('utf8');
        res.on('data', chunk => {
          buffer += chunk;
          const parts = buffer.split('\n');
          buffer = parts.pop()!;
          for (const part of parts) {
            received.push(part);
            const event = JSON.parse(part);
            if (event.stream && Date.parse(event.time) > started)
              resolve(event);
          }
        });
      });
      req.on('error', reject);
    });
    const event = await sawNewLine;
    expect(event.line).toMatch(/^tick \d+$/);
    expect(
      w.proxy.openRequests().filter(r => r.endsWith('/logs')),
    ).toHaveLength(1);

    req.destroy();
    const closedAt = Date.now();
    while (w.proxy.openRequests().some(r => r.endsWith('/logs'))) {
      expect(Date.now() - closedAt).toBeLessThan(1000);
      await new Promise(r => setTimeout(r, 20));
    }
  });

  it('follows until the container stops, then ends cleanly; heartbeats while idle', async () => {
    const res = request(w.server)
      .get(logsUrl(w.stopper, '?follow=true'))
      .set(asUser(OTHER))
      .then(r => r);
    await new Promise(r => setTimeout(r, 2500));
    await w.stopper.stop();
    const done = await res;
    expect(done.status).toBe(200);
    const events = parseNdjson(done.text);
    expect(
      events.filter(e => e.event === 'heartbeat').length,
    ).toBeGreaterThanOrEqual(1);
    expect(events[events.length - 1]).toEqual({
      event: 'end',
      message: 'The container stopped; its log ends here.',
    });

    // Following a stopped container returns its log and ends.
    const again = await request(w.server)
      .get(logsUrl(w.stopper, '?follow=true'))
      .set(asUser(OTHER));
    expect(parseNdjson(again.text).pop()).toEqual({
      event: 'end',
      message: 'The container stopped; its log ends here.',
    });
  });

  it('says when the tail was clamped', async () => {
    const res = await request(w.server)
      .get(logsUrl(w.mixed, '?tail=999999'))
      .set(asUser(OTHER));
    expect(parseNdjson(res.text)[0]).toEqual({
      event: 'notice',
      message:
        'Showing only the last 200000 lines, the most this portal returns at once.',
    });
    // A time range with fewer lines than the cap gets no notice.
    const since = await request(w.server)
      .get(logsUrl(w.mixed, '?since=0'))
      .set(asUser(OTHER));
    expect(parseNdjson(since.text).filter(e => e.event === 'notice')).toEqual(
      [],
    );
  });

  it('limits live followers per person and per host, with Retry-After, and gives slots back', async () => {
    const address = w.server.address() as AddressInfo;
    const openLogs = () =>
      w.proxy.openRequests().filter(r => r.endsWith('/logs'));
    const follow = (user: string) => {
      const req = http.get({
        host: '127.0.0.1',
        port: address.port,
        path: logsUrl(w.ticker, '?tail=0&follow=true'),
        headers: asUser(user),
      });
      return {
        req,
        status: new Promise<number>((resolve, reject) => {
          req.on('response', res => resolve(res.statusCode!));
          req.on('error', reject);
        }),
      };
    };
    const open = [follow(OTHER), follow(OTHER)];
    try {
      expect(await Promise.all(open.map(f => f.status))).toEqual([200, 200]);
      // One person may not take every follower slot of the host.
      const third = await request(w.server)
        .get(logsUrl(w.ticker, '?tail=0&follow=true'))
        .set(asUser(OTHER));
      expect(third.status).toBe(429);
      expect(third.headers['retry-after']).toBe('30');
      expect(third.body.error.message).toBe(
        'You are already following 2 logs, the most one person may follow at once. Close one of them (perhaps in another tab), then try again in 30 seconds.',
      );
      // Someone else takes the host's last slot; then the host is full.
      open.push(follow(OWNER));
      expect(await open[2].status).toBe(200);
      const full = await request(w.server)
        .get(logsUrl(w.ticker, '?tail=0&follow=true'))
        .set(asUser(ADMIN));
      expect(full.status).toBe(429);
      expect(full.body.error.message).toBe(
        '3 people are already following logs on host local, the most this portal allows. Try again in 30 seconds, or read the logs without following.',
      );
      // Reading without following still works.
      const read = await request(w.server)
        .get(logsUrl(w.mixed, '?tail=1'))
        .set(asUser(ADMIN));
      expect(read.status).toBe(200);
    } finally {
      open.forEach(f => f.req.destroy());
    }
    for (let i = 0; openLogs().length > 0; i++) {
      if (i > 200) throw new Error(`still open: ${openLogs().join(', ')}`);
      await new Promise(r => setTimeout(r, 50));
    }
    for (let i = 0; ; i++) {
      const again = follow(ADMIN);
      const status = await again.status;
      again.req.destroy();
      if (status === 200) break;
      expect(status).toBe(429);
      if (i > 100) throw new Error('the follower slots were never given back');
      await new Promise(r => setTimeout(r, 50));
    }
  });

  it('heartbeats while a quiet container says nothing, and does not take it for a hung engine', async () => {
    const address = w.server.address() as AddressInfo;
    const events: any[] = [];
    const req = http.get({
      host: '127.0.0.1',
      port: address.port,
      path: logsUrl(w.quiet, '?tail=0&follow=true'),
      headers: asUser(OTHER),
    });
    let ended = false;
    req.on('response', res => {
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', chunk => {
        buffer += chunk;
        const parts = buffer.split('\n');
        buffer = parts.pop()!;
        events.push(...parts.map(p => JSON.parse(p)));
      });
      res.on('end', () => (ended = true));
    });
    try {
      // Past the deadline for a hung engine, counted in heartbeats (1 s each).
      const enough = WORLD_LOG_LIMITS.stalledFollowSeconds + 3;
      for (
        let i = 0;
        events.filter(e => e.event === 'heartbeat').length < enough;
        i++
      ) {
        if (i > 600) throw new Error('heartbeats stopped');
        await new Promise(r => setTimeout(r, 100));
      }
      expect(ended).toBe(false);
      expect(events.filter(e => e.event !== 'heartbeat')).toEqual([]);
      // The engine was asked (allow-listed calls) while the stream was silent.
      expect(
        w.proxy.calls.filter(c =>
          /^GET \/containers\/[0-9a-f]{64}\/json$/.test(c),
        ).length,
      ).toBeGreaterThan(1);
    } finally {
      req.destroy();
    }
  });

  it('kept to the Engine API allow-list', () => {
    expect(callsOutsideAllowList(w.proxy.calls)).toEqual([]);
  });
});
