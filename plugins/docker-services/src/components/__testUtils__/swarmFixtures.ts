import {
  SwarmServiceListResponse,
  SwarmServiceSummary,
  SwarmTaskSummary,
} from '@docker-services/backstage-plugin-docker-services-common';
import { fakeApi, response } from './servicesFixtures';

// Fixtures of the Swarm services tests: one replicated service on a Swarm
// manager, in the middle of a rolling update, one of its tasks starting
// and one that failed before it.

const minutesAgo = (n: number) =>
  new Date(Date.now() - n * 60_000).toISOString();

function task(overrides: Partial<SwarmTaskSummary>): SwarmTaskSummary {
  return {
    id: 't'.repeat(25),
    slot: 1,
    nodeId: 'n'.repeat(25),
    nodeName: 'node-1',
    nodeReady: true,
    state: 'running',
    desiredState: 'running',
    explanation: 'Running on node-1 for 3 minutes',
    updatedAt: minutesAgo(3),
    createdAt: minutesAgo(30),
    ...overrides,
  };
}

export const shopApi: SwarmServiceSummary = {
  host: 'swarm-01',
  id: 'k3j2h4g5f6d7s8a9q0w1e2r3t',
  name: 'shop-api',
  image: 'shop-api:2',
  mode: 'replicated',
  desiredTasks: 3,
  runningTasks: 2,
  summary: '2 of 3 running, 1 starting on node-2',
  update: {
    state: 'updating',
    explanation: 'A rolling update is in progress',
    startedAt: minutesAgo(1),
  },
  tasks: [
    task({ id: 'a1'.padEnd(25, 'a'), slot: 1 }),
    task({
      id: 'b2'.padEnd(25, 'b'),
      slot: 2,
      nodeName: 'node-2',
      state: 'starting',
      explanation: 'Starting on node-2',
      dockerMessage: 'starting',
      updatedAt: minutesAgo(0),
      createdAt: minutesAgo(0),
    }),
    task({
      id: 'c2'.padEnd(25, 'c'),
      slot: 2,
      nodeName: 'node-2',
      state: 'failed',
      desiredState: 'shutdown',
      explanation:
        'Ended 1 minute ago on node-2 with code 1: the program reported an error',
      dockerMessage: 'task: non-zero exit (1)',
      exitCode: 1,
      updatedAt: minutesAgo(1),
      createdAt: minutesAgo(0.8),
    }),
    task({
      id: 'd3'.padEnd(25, 'd'),
      slot: 3,
      explanation: 'Running on node-1 for 10 minutes',
    }),
  ],
  createdAt: minutesAgo(60),
  updatedAt: minutesAgo(1),
  scaleLimits: { min: 0, max: 5 },
};

/** `shopApi`, changed by `overrides`. */
export function serviceWith(
  overrides: Partial<SwarmServiceSummary>,
): SwarmServiceSummary {
  return { ...shopApi, ...overrides };
}

/** A services answer with these services on the manager swarm-01. */
export function swarmResponseWith(
  ...services: SwarmServiceSummary[]
): SwarmServiceListResponse {
  return {
    entityRef: 'component:default/shop-web',
    hosts: [{ name: 'swarm-01', status: 'ok', services }],
  };
}

export const swarmResponse = swarmResponseWith(shopApi);

/** The entity the services are bound to, as the client is called with it. */
export const shopWebRef = {
  kind: 'Component',
  namespace: 'default',
  name: 'shop-web',
};

/** shop-api as the client is called with it: its entity, host and id. */
export const shopApiTarget = {
  entityRef: shopWebRef,
  host: 'swarm-01',
  id: shopApi.id,
};

/** The fake client of `fakeApi`, whose services answer is `list`. */
export function swarmApi(list = swarmResponse) {
  const api = fakeApi(Promise.resolve(response));
  api.listSwarmServices.mockResolvedValue(list);
  return api;
}
