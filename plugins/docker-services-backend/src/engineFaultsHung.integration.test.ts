import request from 'supertest';
import {
  expectListRecovers,
  expectNoLeak,
  noticedOutage,
  useEngineFaultsWorld,
} from './__testUtils__/engineFaultsWorld';
import { expectReadable } from './__testUtils__/faultAnswers';
import { asUser, OWNER } from './__testUtils__/testBackend';

// An engine that hangs (frozen, its connections open and unanswered) costs
// each request no more than the backend's deadline, and leaks nothing.

const world = useEngineFaultsWorld({
  bridge: 'dsvcfhung',
  bridgeAddress: '172.31.243.1/24',
});

describe('a hung Docker engine (frozen with SIGSTOP)', () => {
  it('answers the list, details and actions within the deadline, with sentences', async () => {
    const { brisk, base, shop } = world;
    world.engine.stop();
    try {
      await noticedOutage(world, 'brisk');
      const [listed, details, action] = await Promise.all([
        world.list(brisk),
        request(brisk)
          .get(`${base}/containers/own/${shop.id}`)
          .set(asUser(OWNER)),
        request(brisk)
          .post(`${base}/containers/own/${shop.id}/restart`)
          .set(asUser(OWNER)),
      ]);
      expect(listed.status).toBe(200);
      expect(listed.body.hosts).toEqual([
        {
          name: 'own',
          status: 'unavailable',
          error: expect.stringMatching(/did not answer in time/),
        },
        expect.objectContaining({ name: 'local', status: 'ok' }),
      ]);
      expectReadable(listed.body.hosts[0].error);
      expect(details.status).toBe(503);
      expectReadable(details.body.error.message);
      expect(details.body.error.message).toMatch(/did not answer in time/);
      expect(action.status).toBe(503);
      expectReadable(action.body.error.message);
    } finally {
      world.engine.cont();
    }
    await expectListRecovers(world, brisk);
    await expectNoLeak(world);
  });
});
