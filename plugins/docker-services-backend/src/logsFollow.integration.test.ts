import { AddressInfo } from 'node:net';
import http from 'node:http';
import request from 'supertest';
import { callsOutsideAllowList } from './__testUtils__/recordingProxy';
import { asUser, OTHER } from './__testUtils__/testBackend';
import { logsUrl, parseNdjson, useLogsWorld } from './__testUtils__/logsWorld';

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

  it('says when the tail was clamped, and limits live followers per host', async () => {
    const res = await request(w.server)
      .get(logsUrl(w.mixed, '?tail=999999'))
      .set(asUser(OTHER));
    expect(parseNdjson(res.text)[0]).toEqual({
      event: 'notice',
      message:
        'Showing only the last 10000 lines, the most this portal returns at once.',
    });
    // A time range with fewer lines than the cap gets no notice.
    const since = await request(w.server)
      .get(logsUrl(w.mixed, '?since=0'))
      .set(asUser(OTHER));
    expect(parseNdjson(since.text).filter(e => e.event === 'notice')).toEqual(
      [],
    );

    const address = w.server.address() as AddressInfo;
    const open = [1, 2].map(() =>
      http.get({
        host: '127.0.0.1',
        port: address.port,
        path: logsUrl(w.ticker, '?tail=0&follow=true'),
        headers: asUser(OTHER),
      }),
    );
    await Promise.all(
      open.map(r => new Promise(resolve => r.on('response', resolve))),
    );
    const third = await request(w.server)
      .get(logsUrl(w.ticker, '?tail=0&follow=true'))
      .set(asUser(OTHER));
    expect(third.status).toBe(429);
    expect(third.body.error.message).toMatch(
      /already following logs on host local/,
    );
    open.forEach(r => r.destroy());
  });

  it('kept to the Engine API allow-list', () => {
    expect(callsOutsideAllowList(w.proxy.calls)).toEqual([]);
  });
});
