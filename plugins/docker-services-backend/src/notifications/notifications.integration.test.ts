import request from 'supertest';
import {
  createTestContainer,
  DEMO_IMAGE,
  docker,
  TEST_LABEL,
} from '../__testUtils__/dockerFixtures';
import { useNotificationsWorld } from '../__testUtils__/notificationsWorld';
import { asUser, OTHER, OWNER } from '../__testUtils__/testBackend';

// Owners hear about their containers' incidents through the real
// notifications backend, fed by the real engine's events; two backend
// replicas on one database send each notification once.
const w = useNotificationsWorld('notify');
const { runId, bound, about, delivered } = w;

describe('notifications to the owners', () => {
  it('tells each owner once when a container dies outside the portal, and once when it is back', async () => {
    const container = await createTestContainer({
      runId,
      name: 'killed',
      labels: bound('noisy'),
    });
    await container.kill();

    const sent = await w.waitForNotification(OWNER, about(container));
    const incident = sent.filter(about(container));
    expect(incident).toEqual([
      expect.objectContaining({
        title: `${runId}-killed stopped unexpectedly`,
        description: expect.stringContaining(
          'exited with code 137: killed at once (SIGKILL)',
        ),
        link: `/catalog/default/component/noisy/services?highlight=local%2F${container.id}`,
      }),
    ]);
    expect((await w.notificationsOf(OTHER)).filter(about(container))).toEqual(
      [],
    );

    await container.start();
    const later = await w.waitForNotification(
      OWNER,
      n => about(container)(n) && n.title.endsWith('is running again'),
    );
    // Two replicas heard every event; each notification exists once, and
    // was sent once.
    expect(delivered.filter(d => d.includes(`${runId}-killed`)).sort()).toEqual(
      [
        `${OWNER} ${runId}-killed is running again`,
        `${OWNER} ${runId}-killed stopped unexpectedly`,
      ],
    );
    expect(
      later
        .filter(about(container))
        .map(n => n.title)
        .sort(),
    ).toEqual([
      `${runId}-killed is running again`,
      `${runId}-killed stopped unexpectedly`,
    ]);
  });

  it('stays quiet for a stop from the portal, unbound containers and hushed entities', async () => {
    const stopped = await createTestContainer({
      runId,
      name: 'portal-stop',
      labels: bound('noisy'),
      stopSignal: 'SIGKILL',
    });
    const unbound = await createTestContainer({ runId, name: 'unbound' });
    const hushed = await createTestContainer({
      runId,
      name: 'hushed',
      labels: bound('hushed'),
    });
    await request(w.server())
      .post(
        `/api/docker-services/entities/component/default/noisy/containers/local/${stopped.id}/stop`,
      )
      .set(asUser(OWNER))
      .send({ reason: 'planned' })
      .expect(200);
    await unbound.kill();
    await hushed.kill();
    // A container killed after them is the marker: once its notification
    // is there, the events before it were handled too.
    const marker = await createTestContainer({
      runId,
      name: 'marker',
      labels: bound('noisy'),
    });
    await marker.kill();
    const sent = await w.waitForNotification(OWNER, about(marker));
    for (const quiet of [stopped, unbound, hushed]) {
      expect(sent.filter(about(quiet))).toEqual([]);
    }
  });

  it('says out of memory, and turns quick deaths into one restart-loop notification', async () => {
    const oom = await docker.createContainer({
      name: `${runId}-oom`,
      Image: DEMO_IMAGE,
      Cmd: ['sh', '-c', 'x=$(head -c 67108864 /dev/zero | tr "\\0" a)'],
      Labels: { [TEST_LABEL]: runId, ...bound('noisy') },
      HostConfig: { Memory: 16 * 1024 * 1024, MemorySwap: 16 * 1024 * 1024 },
    });
    await oom.start();
    const afterOom = await w.waitForNotification(OWNER, about(oom));
    expect(afterOom.find(about(oom))?.description).toContain(
      'ran out of memory',
    );

    const looping = await docker.createContainer({
      name: `${runId}-loop`,
      Image: DEMO_IMAGE,
      Cmd: ['sh', '-c', 'exit 1'],
      Labels: { [TEST_LABEL]: runId, ...bound('noisy') },
      // Bounded: it stops restarting by itself (no update needed: Docker
      // refuses to update it in the moment it is stopped between restarts),
      // and a run killed midway leaves no container restarting forever.
      HostConfig: {
        RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 8 },
      },
    });
    await looping.start();
    const sent = await w.waitForNotification(
      OWNER,
      n => about(looping)(n) && n.title.endsWith('keeps restarting'),
    );
    // The loop updated the incident's notification rather than adding one.
    expect(sent.filter(about(looping)).map(n => n.title)).toEqual([
      `${runId}-loop keeps restarting`,
    ]);
  });
});
