import request from 'supertest';
import { createTestContainer, stateOf } from '../__testUtils__/dockerFixtures';
import { useNotificationsWorld } from '../__testUtils__/notificationsWorld';
import {
  asService,
  asUser,
  OTHER,
  OWNER,
  RESTARTER,
} from '../__testUtils__/testBackend';

// "Ask the owners to restart": a reader asks with a reason, the owners get
// a notification that opens the tab with the confirmation ready, the
// request is history, and one person cannot flood the owners.
const w = useNotificationsWorld('ask');
const path = (id: string, entity = 'noisy') =>
  `/api/docker-services/entities/component/default/${entity}/containers/local/${id}`;

describe('POST …/containers/:host/:id/ask-owners', () => {
  it('tells the owners who asked and why, records it, and does nothing to the container', async () => {
    const container = await createTestContainer({
      runId: w.runId,
      name: 'web',
      labels: w.bound('noisy'),
      start: false,
    });
    // Asked at once: the replicas' indexes may not know it yet.
    const res = await request(w.server())
      .post(`${path(container.id)}/ask-owners`)
      .set(asUser(OTHER))
      .send({ action: 'restart', reason: 'checkout answers 502' });
    const askedAt = Date.now();
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      action: 'restart',
      owners: ['group:default/team-a'],
      message: `The owners of noisy were asked to restart ${w.runId}-web. It is in the history.`,
      askAgainAt: expect.any(String),
    });
    // When the asker may ask again: the interval (10 minutes by default) on.
    const waitMs = Date.parse(res.body.askAgainAt) - askedAt;
    expect(waitMs).toBeGreaterThan(9 * 60_000);
    expect(waitMs).toBeLessThanOrEqual(10 * 60_000);

    const title = `someone-else asks you to restart ${w.runId}-web`;
    const sent = await w.waitForNotification(OWNER, n => n.title === title);
    expect(sent.find(n => n.title === title)).toMatchObject({
      description: expect.stringContaining(
        'someone-else wrote: "checkout answers 502"',
      ),
      link: `/catalog/default/component/noisy/services?confirm=restart&host=local&container=${container.id}`,
    });
    // The asker is not told about their own request.
    expect(
      (await w.notificationsOf(OTHER)).filter(n => n.title === title),
    ).toEqual([]);
    expect(await stateOf(container)).toBe('created');

    const history = await request(w.server(1))
      .get('/api/docker-services/entities/component/default/noisy/history')
      .set(asUser(OWNER));
    expect(history.body.items[0]).toMatchObject({
      actor: OTHER,
      action: 'restart',
      containerId: container.id,
      reason: 'checkout answers 502',
      outcome: 'asked',
      changed: false,
    });

    // Once per person and container per interval, whichever replica is asked.
    const again = await request(w.server(1))
      .post(`${path(container.id)}/ask-owners`)
      .set(asUser(OTHER))
      .send({ action: 'restart', reason: 'still 502' });
    expect(again.status).toBe(429);
    expect(Number(again.headers['retry-after'])).toBeGreaterThan(500);
    expect(again.body.error.message).toMatch(
      /^You asked the owners about .*-web a moment ago; you can ask again in 10 minutes\.$/,
    );
    expect(w.delivered.filter(d => d.endsWith(title))).toEqual([
      `${OWNER} ${title}`,
    ]);
  });

  it('refuses a request without a reason, or for an action other than start or restart', async () => {
    const container = await createTestContainer({
      runId: w.runId,
      name: 'worker',
      labels: w.bound('noisy'),
      start: false,
    });
    const cases: Array<[object, RegExp]> = [
      [{ action: 'restart' }, /Say why: reason is required/],
      [{ action: 'restart', reason: '   ' }, /Say why: reason is required/],
      [{ action: 'stop', reason: 'x' }, /action must be start or restart/],
      [{ action: 'restart', reason: 'x', force: true }, /force/],
    ];
    for (const [body, message] of cases) {
      const res = await request(w.server())
        .post(`${path(container.id)}/ask-owners`)
        .set(asUser(OTHER))
        .send(body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
    }
    const service = await request(w.server())
      .post(`${path(container.id)}/ask-owners`)
      .set(asService())
      .send({ action: 'start', reason: 'x' });
    expect(service.status).toBe(403);
  });

  it('answers 404 for a container the entity does not own', async () => {
    const stranger = await createTestContainer({
      runId: w.runId,
      name: 'stranger',
      labels: w.bound('hushed'),
      start: false,
    });
    const res = await request(w.server())
      .post(`${path(stranger.id)}/ask-owners`)
      .set(asUser(OTHER))
      .send({ action: 'start', reason: 'down' });
    expect(res.status).toBe(404);
  });
});

describe('an ask is only an ask', () => {
  it('fifty asks at once, on both replicas, make one ask and one notification', async () => {
    const container = await createTestContainer({
      runId: w.runId,
      name: 'raced',
      labels: w.bound('noisy'),
      start: false,
    });
    const title = `someone-else asks you to start ${w.runId}-raced`;
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        request(w.server(i % 2))
          .post(`${path(container.id)}/ask-owners`)
          .set(asUser(OTHER))
          .send({ action: 'start', reason: `please ${i}` }),
      ),
    );
    const statuses = answers.map(a => a.status).sort();
    expect(statuses.filter(s => s === 200)).toHaveLength(1);
    expect(statuses.filter(s => s === 429)).toHaveLength(49);
    await w.waitForNotification(OWNER, n => n.title === title);
    // Give a second notification, were there one, the time to arrive.
    await new Promise(resolve => setTimeout(resolve, 1000));
    expect(w.delivered.filter(d => d.endsWith(title))).toEqual([
      `${OWNER} ${title}`,
    ]);
    const history = await request(w.server())
      .get(
        '/api/docker-services/entities/component/default/noisy/history?limit=100',
      )
      .set(asUser(OWNER));
    expect(
      history.body.items.filter(
        (i: { containerId: string }) => i.containerId === container.id,
      ),
    ).toHaveLength(1);
  });

  it('one person may ask about at most askMaxPerHour containers in an hour', async () => {
    const answers: Array<[number, string | undefined]> = [];
    for (const name of ['cap-1', 'cap-2', 'cap-3', 'cap-4']) {
      const container = await createTestContainer({
        runId: w.runId,
        name,
        labels: w.bound('noisy'),
        start: false,
      });
      const res = await request(w.server())
        .post(`${path(container.id)}/ask-owners`)
        .set(asUser(RESTARTER))
        .send({ action: 'start', reason: 'down' });
      answers.push([res.status, res.body.error?.message]);
    }
    expect(answers).toEqual([
      [200, undefined],
      [200, undefined],
      [200, undefined],
      [
        429,
        'You have asked owners 3 times in the last hour, as many as anyone may; try again later, or contact the owners directly.',
      ],
    ]);
  });

  it("a reader's ask before a death neither silences the owners nor makes the reader its cause", async () => {
    const container = await createTestContainer({
      runId: w.runId,
      name: 'predicted',
      labels: w.bound('noisy'),
    });
    // Wait until both replicas list it, as a person would see it first.
    const asked = await request(w.server(1))
      .post(`${path(container.id)}/ask-owners`)
      .set(asUser(OTHER))
      .send({ action: 'restart', reason: 'it looks stuck' });
    expect(asked.status).toBe(200);
    // Then it dies, from outside the portal.
    await container.kill();
    const sent = await w.waitForNotification(
      OWNER,
      n => n.title === `${w.runId}-predicted stopped unexpectedly`,
    );
    expect(sent.length).toBeGreaterThan(0);
    const why = await request(w.server())
      .get(`${path(container.id)}/diagnosis`)
      .set(asUser(OWNER));
    expect(why.status).toBe(200);
    expect(why.body.stoppedBy).toEqual({ kind: 'outside' });
  });
});
