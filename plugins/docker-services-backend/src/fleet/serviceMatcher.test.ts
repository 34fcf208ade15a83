import { SwarmServiceSummary } from '@docker-services/backstage-plugin-docker-services-common';
import { serviceMatcher, taskName } from './serviceMatcher';

const task = (
  over: Partial<SwarmServiceSummary['tasks'][number]>,
): SwarmServiceSummary['tasks'][number] => ({
  id: 'k93urb0oj58h0000000000000',
  slot: 1,
  state: 'running',
  desiredState: 'running',
  explanation: 'running on vm for 6 minutes',
  updatedAt: '2026-12-06T06:00:00Z',
  ...over,
});

const summary = {
  host: 'local',
  id: 'ux0mpyngtfta0000000000000',
  name: 'demo-shop_api',
  image: 'docker-services-demo/busybox:b2515b001096',
  tasks: [
    task({}),
    task({ id: 'zddp4vfjn44z0000000000000', slot: 2 }),
    // An attempt that ended: shown only when asked for by name or id.
    task({
      id: 'fa11ed000000000000000000a',
      slot: 2,
      state: 'failed',
      desiredState: 'shutdown',
      explanation: 'ended with exit code 255',
    }),
  ],
} as SwarmServiceSummary;
const searched = {
  summary,
  stack: 'demo-shop',
  entityNames: ['shop-api', 'Shop API'],
};
const found = (q: string) =>
  serviceMatcher(q)(searched)?.map(t => `${t.name} ${t.state}`);

describe('serviceMatcher', () => {
  it.each([
    ['', 'everything'],
    ['shop_api', 'the service name'],
    ['api', 'part of it'],
    ['DEMO-SHOP', 'the stack, in any case'],
    ['shop-api', 'the entity name'],
    ['shop api', 'the entity title'],
    ['busybox', 'the image'],
    ['ux0mpy', 'a short service id'],
  ])('finds the service and its tasks meant to run by %j (%s)', q => {
    expect(found(q)).toEqual([
      'demo-shop_api.1 running',
      'demo-shop_api.2 running',
    ]);
  });

  it('finds a task by its name or short id, that task only, ended ones too', () => {
    expect(found('shop_api.1')).toEqual(['demo-shop_api.1 running']);
    expect(found('zddp4v')).toEqual(['demo-shop_api.2 running']);
    expect(found('fa11ed')).toEqual(['demo-shop_api.2 failed']);
  });

  it('finds nothing for other words, nor for an id that is only inside one', () => {
    expect(found('web')).toBeUndefined();
    expect(found('mpyngt')).toBeUndefined();
    expect(found('api.3')).toBeUndefined();
  });

  it("names a global service's task by its node, as Docker does", () => {
    expect(
      taskName('mon_agent', task({ slot: undefined, nodeId: 'n0de' })),
    ).toBe('mon_agent.n0de');
  });
});
