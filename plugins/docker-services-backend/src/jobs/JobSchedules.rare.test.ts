import request from 'supertest';
import {
  asUser,
  OWNER,
  shopLabels,
  useRouterApp,
} from '../__testUtils__/routerApp';

// Schedules rarer than every few weeks through the real route: the next
// run and the words, or a refusal in words; never a 500 with the cron
// library's message (the server's clock and time zone).
const app = useRouterApp();
const jobLabels = { ...shopLabels, 'docker-services.job': 'true' };
const base = '/entities/component/default/shop';

describe('PUT …/containers/:host/:id/schedule, rare schedules', () => {
  it.each([
    [
      '0 3 1 1,4,7,10 *',
      'on day 1 of January, April, July and October at 03:00',
      /-(01|04|07|10)-01T03:00:00.000Z$/,
    ],
    ['0 0 1 1 *', 'every year on 1 January at 00:00', /-01-01T00:00:00.000Z$/],
    [
      '0 0 29 2 *',
      'every leap year on 29 February at 00:00 (every four years)',
      /-02-29T00:00:00.000Z$/,
    ],
  ])('sets %s, with its next run and words', async (cron, words, next) => {
    const { server, host } = await app();
    const job = host.add({ name: 'r', labels: jobLabels, state: 'exited' });
    const res = await request(server)
      .put(`${base}/containers/local/${job.id}/schedule`)
      .set(asUser(OWNER))
      .send({ cron, timeZone: 'UTC' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ cron, description: words });
    expect(res.body.nextRunAt).toMatch(next);
    expect(Date.parse(res.body.nextRunAt)).toBeGreaterThan(Date.now());
  });

  it('refuses 31 February in words (400)', async () => {
    const { server, host } = await app();
    const job = host.add({ name: 'r', labels: jobLabels, state: 'exited' });
    const res = await request(server)
      .put(`${base}/containers/local/${job.id}/schedule`)
      .set(asUser(OWNER))
      .send({ cron: '0 0 31 2 *', timeZone: 'Europe/Berlin' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      'The schedule "0 0 31 2 *" never runs: none of the months it names has the day of the month it names (such as 31 February). Check those two fields.',
    );
  });
});
