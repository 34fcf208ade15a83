import request from 'supertest';
import { JobRunStore } from './jobs/JobRunStore';
import {
  asUser,
  OWNER,
  READER,
  shopLabels,
  useRouterApp,
} from './__testUtils__/routerApp';

// The fleet routes (every host's containers, the caller's own services) in
// the unit tier: the real router and services over a fake Docker engine.
const app = useRouterApp();

describe('the fleet routes over a fake engine', () => {
  it('finds a container across hosts with its entity and whom to ask', async () => {
    const { server, host, indexLive } = await app();
    const web = host.add({ name: 'shop-web-1', labels: shopLabels });
    host.add({
      name: 'stray',
      labels: { 'docker-services.entity': 'component:default/gone' },
    });
    await indexLive();

    const res = await request(server)
      .get('/fleet/containers?q=shop-web')
      .set(asUser(READER));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      truncated: false,
      seesUnbound: false,
      hosts: [{ name: 'local', status: 'ok', containerCount: 2 }],
    });
    expect(res.body.containers).toEqual([
      expect.objectContaining({
        id: web.id,
        name: 'shop-web-1',
        binding: 'bound',
        entity: {
          ref: 'component:default/shop',
          kind: 'Component',
          namespace: 'default',
          name: 'shop',
          owner: {
            ref: 'group:default/team-a',
            title: 'Team A',
            email: 'team-a@example.com',
            chat: {
              url: 'https://example.slack.com/archives/C1',
              title: '#team-a',
            },
          },
        },
      }),
    ]);
    // By id prefix too; a reader never sees the container that names no real entity.
    const byId = await request(server)
      .get(`/fleet/containers?q=${web.id.slice(0, 12)}`)
      .set(asUser(READER));
    expect(byId.body.containers.map((c: any) => c.id)).toEqual([web.id]);
    const all = await request(server)
      .get('/fleet/containers')
      .set(asUser(READER));
    expect(all.body.containers.map((c: any) => c.name)).toEqual(['shop-web-1']);

    const bad = await request(server)
      .get('/fleet/containers?limit=0')
      .set(asUser(READER));
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^Invalid query: limit/);
  });

  it('shows unbound containers to those allowed to see the fleet', async () => {
    const { server, host, indexLive } = await app();
    host.add({
      name: 'stray',
      labels: { 'docker-services.entity': 'component:default/gone' },
    });
    await indexLive();
    // OWNER holds every permission in this test's policy, fleet.read too.
    const res = await request(server)
      .get('/fleet/containers')
      .set(asUser(OWNER));
    expect(res.body.seesUnbound).toBe(true);
    expect(res.body.containers).toEqual([
      expect.objectContaining({
        name: 'stray',
        binding: 'unbound',
        unboundReason: expect.stringMatching(
          /^It names component:default\/gone, which is not in the catalog/,
        ),
      }),
    ]);
  });

  it("lists the caller's services, worst first, with their containers", async () => {
    const { server, host, indexLive } = await app();
    host.add({ name: 'shop-web-1', labels: shopLabels });
    host.add({ name: 'shop-web-2', labels: shopLabels, state: 'exited' });
    await indexLive();
    const res = await request(server).get('/fleet/mine').set(asUser(READER));
    expect(res.status).toBe(200);
    expect(res.body.entities).toEqual([
      expect.objectContaining({
        ref: 'component:default/shop',
        containers: [
          expect.objectContaining({ name: 'shop-web-1', state: 'running' }),
          expect.objectContaining({ name: 'shop-web-2', state: 'exited' }),
        ],
      }),
    ]);
  });

  it('lists jobs whose last run failed with their entity and owner, and puts their entity first in My services', async () => {
    const { server, host, db, indexLive } = await app();
    const job = { ...shopLabels, 'docker-services.job': 'true' };
    const report = host.add({ name: 'report-1', labels: job, state: 'exited' });
    const fine = host.add({ name: 'backup-1', labels: job, state: 'exited' });
    // A job naming an entity nobody can read is nobody's to see.
    const stray = host.add({
      name: 'stray-job',
      labels: { ...job, 'docker-services.entity': 'component:default/gone' },
      state: 'exited',
    });
    // A job of an entity without the annotations has no jobs list to
    // read: left out, the rest still answered.
    host.add({
      name: 'odd-job',
      labels: {
        'docker-services.job': 'true',
        'docker-services.entity': 'group:default/team-a',
      },
      state: 'exited',
    });
    await indexLive();
    const runs = new JobRunStore(db);
    for (const [c, exitCode] of [
      [report, 3],
      [fine, 0],
      [stray, 1],
    ] as const) {
      const key = {
        entityRef: c.labels['docker-services.entity'],
        host: 'local',
        containerId: c.id,
        containerName: c.name,
        startedAt: '2026-12-06T02:00:00Z',
      };
      await runs.recordStart({ ...key, trigger: 'schedule', attempt: 1 });
      await runs.recordEnd({
        ...key,
        finishedAt: '2026-12-06T02:04:00Z',
        exitCode,
        oomKilled: false,
        outcome: exitCode === 0 ? 'succeeded' : 'failed',
      });
    }

    const res = await request(server)
      .get('/fleet/containers')
      .set(asUser(READER));
    expect(res.status).toBe(200);
    expect(res.body.failingJobs).toEqual([
      {
        host: 'local',
        name: 'report-1',
        containerId: report.id,
        finishedAt: '2026-12-06T02:04:00.000Z',
        exitCode: 3,
        entity: expect.objectContaining({
          ref: 'component:default/shop',
          owner: expect.objectContaining({ ref: 'group:default/team-a' }),
        }),
      },
    ]);
    expect(res.body.services).toEqual([]);
    // Found by the job's own name or its entity's; not by other words.
    for (const [q, expected] of [
      ['report', ['report-1']],
      ['shop', ['report-1']],
      ['backup', []],
      ['stray', []],
    ] as const) {
      const found = await request(server)
        .get(`/fleet/containers?q=${q}`)
        .set(asUser(READER));
      expect(found.body.failingJobs.map((j: any) => j.name)).toEqual(expected);
    }

    const mine = await request(server).get('/fleet/mine').set(asUser(READER));
    expect(mine.body.entities).toEqual([
      expect.objectContaining({
        ref: 'component:default/shop',
        level: 'failing',
        failingJobs: [
          {
            host: 'local',
            name: 'report-1',
            finishedAt: '2026-12-06T02:04:00.000Z',
            exitCode: 3,
          },
        ],
      }),
    ]);
  });
});
