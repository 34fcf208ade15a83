import {
  ContainerSummary,
  FleetContainer,
  FleetHost,
  FleetSearchResponse,
  MyServicesResponse,
} from '@docker-services/backstage-plugin-docker-services-common';

// Fixtures of the Docker page tests and the client's fleet tests: a search
// answer with a bound, a conflicted and an unbound container, two hosts (one
// unavailable), and a "my services" answer, worst first.

const minutesAgo = (n: number) =>
  new Date(Date.now() - n * 60_000).toISOString();

function summary(overrides: Partial<ContainerSummary>): ContainerSummary {
  return {
    host: 'local',
    id: 'a'.repeat(64),
    name: 'shop-web-1',
    image: 'shop:1',
    state: 'running',
    status: 'Up 3 hours',
    createdAt: '2026-01-01T00:00:00Z',
    startedAt: minutesAgo(180),
    ports: [],
    ...overrides,
  };
}

export const hosts: FleetHost[] = [
  { name: 'local', status: 'ok', containerCount: 12, indexAgeSeconds: 12 },
  {
    name: 'build-01',
    status: 'unavailable',
    error: 'Docker host "build-01" is unavailable: it did not answer in time.',
    containerCount: 0,
  },
];

export const boundContainer: FleetContainer = {
  ...summary({
    compose: { project: 'shop', service: 'web', number: 1 },
  }),
  binding: 'bound',
  entity: {
    ref: 'component:default/shop-web',
    kind: 'Component',
    namespace: 'default',
    name: 'shop-web',
    title: 'Shop web',
    owner: {
      ref: 'group:default/team-shop',
      title: 'Team Shop',
      email: 'team-shop@example.com',
      chat: { url: 'https://chat.example.com/team-shop', title: '#team-shop' },
    },
  },
};

export const conflictContainer: FleetContainer = {
  ...summary({
    id: 'c'.repeat(64),
    name: 'shared-db-1',
    image: 'postgres:16',
    conflict: {
      entityRefs: ['component:default/billing', 'component:default/shop-web'],
      message:
        'This container is bound to component:default/billing by its label and to component:default/shop-web by an admin rule; an admin must remove one.',
    },
  }),
  binding: 'conflict',
};

export const unboundContainer: FleetContainer = {
  ...summary({
    id: 'd'.repeat(64),
    name: 'orphan-1',
    image: 'busybox:1',
    state: 'exited',
    exitCode: 0,
    finishedAt: minutesAgo(5),
  }),
  binding: 'unbound',
  unboundReason:
    'Its docker-services.entity label names component:default/gone, which the catalog does not have.',
};

export const searchResponse: FleetSearchResponse = {
  containers: [boundContainer, conflictContainer, unboundContainer],
  hosts,
  truncated: false,
  seesUnbound: true,
};

export const myServicesResponse: MyServicesResponse = {
  entities: [
    {
      ref: 'component:default/payments',
      kind: 'Component',
      namespace: 'default',
      name: 'payments',
      containers: [
        summary({
          id: 'e'.repeat(64),
          name: 'payments-1',
          health: 'unhealthy',
        }),
        summary({ id: 'f'.repeat(64), name: 'payments-2', health: 'healthy' }),
      ],
    },
    {
      ref: 'component:default/shop-web',
      kind: 'Component',
      namespace: 'default',
      name: 'shop-web',
      title: 'Shop web',
      containers: [
        summary({
          id: '1'.repeat(64),
          name: 'shop-web-1',
          state: 'exited',
          exitCode: 137,
          finishedAt: minutesAgo(2),
        }),
      ],
    },
    {
      ref: 'component:default/search',
      kind: 'Component',
      namespace: 'default',
      name: 'search',
      containers: [summary({ id: '2'.repeat(64), name: 'search-1' })],
    },
  ],
  hosts,
};

const shopApi = {
  ref: 'component:default/shop-api',
  kind: 'Component',
  namespace: 'default',
  name: 'shop-api',
  owner: {
    ref: 'group:default/team-shop',
    title: 'Team Shop',
    email: 'team-shop@example.com',
  },
};

/** A search for "api": a Swarm service, one of its tasks found, and a failing job. */
export const serviceSearchResponse: FleetSearchResponse = {
  containers: [],
  services: [
    {
      host: 'local',
      id: 'ux0mpyngtfta0000000000000',
      name: 'demo-shop_api',
      stack: 'demo-shop',
      image: 'busybox:1',
      level: 'degraded',
      runningTasks: 2,
      desiredTasks: 3,
      summary: '2 of 3 running, 1 starting on vm',
      tasks: [
        {
          id: 'k93urb0oj58h0000000000000',
          name: 'demo-shop_api.1',
          state: 'running',
          explanation: 'running on vm for 6 minutes',
          nodeName: 'vm',
        },
      ],
      entity: shopApi,
    },
  ],
  failingJobs: [
    {
      host: 'local',
      name: 'api-report-1',
      containerId: '9'.repeat(64),
      finishedAt: minutesAgo(120),
      exitCode: 3,
      entity: shopApi,
    },
  ],
  hosts,
  truncated: false,
  seesUnbound: false,
};
