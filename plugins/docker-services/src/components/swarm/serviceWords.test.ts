import {
  serviceWith,
  shopApi,
  swarmResponseWith,
} from '../__testUtils__/swarmFixtures';
import {
  POLL_WHEN_SETTLED_MS,
  POLL_WHILE_SETTLING_MS,
  pollInterval,
} from '../../hooks/useSwarmServices';
import { announceServiceChanges } from './announceServiceChanges';
import {
  isSettling,
  restartConsequence,
  scaleConsequence,
  serviceActionOutcome,
} from './serviceWords';

const settled = serviceWith({
  runningTasks: 3,
  summary: '3 of 3 running',
  update: { state: 'completed', explanation: 'The last update completed' },
  tasks: shopApi.tasks.filter(t => t.state === 'running'),
});

describe('Swarm service words', () => {
  it('says what a scale will do, up, down and to zero', () => {
    expect(scaleConsequence(shopApi, 5)).toBe(
      'Scaling shop-api from 3 to 5 replicas starts 2 tasks more; Swarm places them on nodes that can run them.',
    );
    expect(scaleConsequence(shopApi, 1)).toBe(
      'Scaling shop-api from 3 to 1 replica stops 2 tasks; requests they are serving may fail.',
    );
    expect(scaleConsequence(shopApi, 0)).toBe(
      'Scaling shop-api to 0 stops all its 3 tasks: it is unavailable until someone scales it up again.',
    );
  });

  it('says that a rolling restart of a single task interrupts it', () => {
    expect(restartConsequence(serviceWith({ desiredTasks: 1 }))).toMatch(
      /With a single task, shop-api is unavailable for a few seconds\.$/,
    );
  });

  it('words a time-out as "may still be happening", never as a failure', () => {
    expect(
      serviceActionOutcome(
        shopApi,
        { action: 'scale', replicas: 4 },
        { action: 'scale', changed: false, stateUnknown: true },
      ),
    ).toEqual({
      message:
        'Docker did not confirm in time that shop-api was scaled to 4 replicas. It may still be happening; its state is being refreshed.',
      stateUnknown: true,
    });
    expect(
      serviceActionOutcome(
        shopApi,
        { action: 'scale', replicas: 3 },
        { action: 'scale', changed: false },
      ).message,
    ).toBe('shop-api already had 3 replicas.');
    expect(
      serviceActionOutcome(
        shopApi,
        { action: 'restart' },
        { action: 'restart', changed: true },
      ).message,
    ).toBe(
      'A rolling restart of shop-api started: Swarm is replacing its tasks.',
    );
    // The backend's sentence, when it words one, is the one shown.
    expect(
      serviceActionOutcome(
        shopApi,
        { action: 'scale', replicas: 4 },
        {
          action: 'scale',
          changed: true,
          message: 'shop-api is being scaled from 3 to 4 replicas.',
        },
      ),
    ).toEqual({
      message: 'shop-api is being scaled from 3 to 4 replicas.',
      stateUnknown: undefined,
    });
  });
});

describe('polling the services', () => {
  it('polls often only while Swarm is still moving a service, and never for an entity without services', () => {
    expect(pollInterval(swarmResponseWith(shopApi))).toBe(
      POLL_WHILE_SETTLING_MS,
    );
    expect(isSettling(swarmResponseWith(settled))).toBe(false);
    expect(pollInterval(swarmResponseWith(settled))).toBe(POLL_WHEN_SETTLED_MS);
    // An update in progress with every task running is still moving.
    expect(
      isSettling(
        swarmResponseWith({
          ...settled,
          update: { state: 'updating', explanation: 'Updating' },
        }),
      ),
    ).toBe(true);
    expect(pollInterval(swarmResponseWith())).toBe(POLL_WHEN_SETTLED_MS);
    expect(
      pollInterval({ entityRef: 'component:default/shop-web', hosts: [] }),
    ).toBeUndefined();
  });
});

describe('announceServiceChanges', () => {
  it('announces how many tasks run, an update that ended, and services that came or went', () => {
    const agent = serviceWith({ id: 'g'.repeat(25), name: 'log-agent' });
    expect(
      announceServiceChanges(
        swarmResponseWith(shopApi, agent),
        swarmResponseWith(
          settled,
          serviceWith({ id: 'w'.repeat(25), name: 'worker' }),
        ),
      ),
    ).toEqual([
      'shop-api: 3 of 3 running',
      'shop-api: The last update completed',
      'Swarm service worker appeared: 2 of 3 running, 1 starting on node-2',
      'Swarm service log-agent is no longer listed.',
    ]);
    expect(
      announceServiceChanges(
        swarmResponseWith(shopApi),
        swarmResponseWith(shopApi),
      ),
    ).toEqual([]);
  });
});
