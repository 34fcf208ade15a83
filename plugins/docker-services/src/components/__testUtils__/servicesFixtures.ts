import { Entity } from '@backstage/catalog-model';
import { mockApis } from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  ContainerListResponse,
  ContainerSummary,
  HistoryResponse,
  HostResult,
  JobRunNowResponse,
  JobRunsResponse,
  JobSchedule,
  JobsResponse,
  PipelineRunAgainResponse,
  SwarmServiceActionResponse,
  SwarmServiceListResponse,
} from '@docker-services/backstage-plugin-docker-services-common';
import { EvaluatePermissionRequest } from '@backstage/plugin-permission-common';
import { screen, within } from '@testing-library/react';
import userEvent, {
  PointerEventsCheckLevel,
} from '@testing-library/user-event';
import { DockerServicesApi } from '../../api/DockerServicesApi';

// Fixtures of the ServicesContent tests: one entity, a list answer with an
// exited container and an unavailable host, a fake client, permission APIs.
export const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'shop-web',
    namespace: 'default',
    annotations: { 'docker-services/compose': 'shop/web' },
  },
  spec: { owner: 'team-shop' },
  relations: [{ type: 'ownedBy', targetRef: 'group:default/team-shop' }],
};

export const response: ContainerListResponse = {
  entityRef: 'component:default/shop-web',
  selector: [
    'com.docker.compose.project=shop',
    'com.docker.compose.service=web',
  ],
  hosts: [
    {
      name: 'local',
      status: 'ok',
      containers: [
        {
          host: 'local',
          id: 'a'.repeat(64),
          name: 'shop-web-1',
          image: 'shop:1',
          state: 'exited',
          status: 'Exited (137) 1 minute ago',
          createdAt: '2026-01-01T00:00:00Z',
          finishedAt: new Date(Date.now() - 60_000).toISOString(),
          exitCode: 137,
          ports: [{ privatePort: 8080, publicPort: 80, protocol: 'tcp' }],
        },
      ],
    },
    {
      name: 'build-01',
      status: 'unavailable',
      error:
        'Docker host "build-01" is unavailable: it did not answer in time.',
    },
  ],
};

/** The first container of `response`, changed by `overrides`. */
export function containerWith(
  overrides: Partial<ContainerSummary>,
): ContainerSummary {
  const [local] = response.hosts;
  if (local.status !== 'ok') throw new Error('fixture host must be ok');
  return { ...local.containers[0], ...overrides };
}

/** A list answer with only these hosts. */
export function responseWith(...hosts: HostResult[]): ContainerListResponse {
  return { ...response, hosts };
}

/** An entity of its own name: usePermission caches decisions per entity. */
export function entityNamed(name: string): Entity {
  return { ...entity, metadata: { ...entity.metadata, name } };
}

/**
 * A user that clicks and types without pauses between events: with the
 * default delay every keystroke waits for a timer, and by default every
 * pointer event first computes the styles of all the target's ancestors
 * (to refuse clicks through `pointer-events: none`), which in jsdom under
 * the catalog table's styles costs seconds on a busy machine.
 */
export function fastUser() {
  return userEvent.setup({
    delay: null,
    pointerEventsCheck: PointerEventsCheckLevel.Never,
  });
}

/**
 * The table row of a container, once the page shows it. Queries by role
 * inside one row stay fast; across the whole page each costs a lot of
 * jsdom style computation on a busy machine.
 */
export async function findRow(containerName: string): Promise<HTMLElement> {
  const name = await screen.findByText(containerName);
  const row = name.closest('tr');
  if (!row) throw new Error(`${containerName} is not in a table row`);
  return row;
}

/**
 * A button of a row found with `findRow`, by role and accessible name. The
 * row is already known to be shown, so the button's own visibility is not
 * checked again: that check computes the styles of every ancestor and costs
 * seconds per query on a busy machine.
 */
export function rowButton(row: HTMLElement, name: string): HTMLElement {
  return within(row).getByRole('button', { name, hidden: true });
}

/**
 * Per test that renders the page. Generous: on a busy two-core machine with
 * a cold jest cache, a test clicking through a dialog took over 60 s (load
 * average 10); a passing test ends as soon as the page shows what it waits
 * for, so this only bounds a test that hangs.
 */
export const UI_TEST_TIMEOUT_MS = 120_000;

export const mountedRoutes = {
  '/catalog/:namespace/:kind/:name': entityRouteRef,
};

export function fakeApi(result: Promise<ContainerListResponse>) {
  return {
    listContainers: jest.fn(() => result),
    getContainerDetails: jest.fn(async () => ({
      ...(response.hosts[0] as any).containers[0],
      health: 'unhealthy' as const,
      healthLog: [
        {
          start: '2026-01-01T00:00:10Z',
          end: '2026-01-01T00:00:11Z',
          exitCode: 1,
          output: 'connection refused\n',
        },
      ],
    })),
    getContainerStats: jest.fn(),
    streamLiveStats: jest.fn(),
    getDiagnosis: jest.fn(async () => ({
      host: 'local',
      id: 'a'.repeat(64),
      name: 'shop-web-1',
      state: 'exited' as const,
      summary: 'It was killed.',
      dockerTerms: 'ExitCode 137 (SIGKILL)',
      lastLines: [{ stream: 'stderr' as const, line: 'killed' }],
      linesUntil: '2026-01-01T03:00:00Z',
    })),
    askOwners: jest.fn(async () => ({
      action: 'start' as const,
      owners: ['group:default/team-shop'],
      message: 'The owners were asked to start shop-web-1.',
    })),
    streamLogs: jest.fn(),
    downloadLogs: jest.fn(),
    streamEntityLogs: jest.fn(),
    downloadEntityLogs: jest.fn(),
    runAction: jest.fn(async () => ({
      action: 'start' as const,
      changed: true,
      message: 'shop-web-1 was started.',
    })),
    getHistory: jest.fn(
      async (..._args: unknown[]): Promise<HistoryResponse> => ({
        items: [
          {
            id: 1,
            entityRef: 'component:default/shop-web',
            actor: 'user:default/alice',
            action: 'restart' as const,
            host: 'local',
            containerId: 'a'.repeat(64),
            containerName: 'shop-web-1',
            reason: 'stuck on start-up',
            outcome: 'succeeded' as const,
            changed: true,
            createdAt: new Date(Date.now() - 120_000).toISOString(),
          },
        ],
      }),
    ),
    searchFleet: jest.fn(),
    listMyServices: jest.fn(),
    // Most entities have no Swarm service: the section shows nothing.
    listSwarmServices: jest.fn(
      async (..._args: unknown[]): Promise<SwarmServiceListResponse> => ({
        entityRef: 'component:default/shop-web',
        hosts: [],
      }),
    ),
    runSwarmServiceAction: jest.fn(
      async (..._args: unknown[]): Promise<SwarmServiceActionResponse> => ({
        action: 'scale',
        changed: true,
      }),
    ),
    streamSwarmServiceLogs: jest.fn(),
    downloadSwarmServiceLogs: jest.fn(),
    // Most entities have no job either: nor does its section show.
    listJobs: jest.fn(
      async (..._args: unknown[]): Promise<JobsResponse> => ({
        entityRef: 'component:default/shop-web',
        jobs: [],
        unavailable: [],
      }),
    ),
    listJobRuns: jest.fn(
      async (..._args: unknown[]): Promise<JobRunsResponse> => ({ items: [] }),
    ),
    runJobNow: jest.fn(
      async (..._args: unknown[]): Promise<JobRunNowResponse> => ({
        message: 'The job was started.',
      }),
    ),
    setJobSchedule: jest.fn(
      async (..._args: unknown[]): Promise<JobSchedule> => {
        throw new Error('setJobSchedule: not set up by this test');
      },
    ),
    removeJobSchedule: jest.fn(async (..._args: unknown[]) => ({
      message: 'The schedule was removed.',
    })),
    runPipelineAgain: jest.fn(
      async (..._args: unknown[]): Promise<PipelineRunAgainResponse> => {
        throw new Error('runPipelineAgain: not set up by this test');
      },
    ),
    streamJobRunLogs: jest.fn(),
    downloadJobRunLogs: jest.fn(),
    getEntityStatuses: jest.fn(async () => ({ items: [] })),
    getEntityStatus: jest.fn(async () => undefined),
  } satisfies DockerServicesApi;
}

export const allow = [
  permissionApiRef,
  mockApis.permission({ authorize: AuthorizeResult.ALLOW }),
] as const;
export const deny = [
  permissionApiRef,
  mockApis.permission({ authorize: AuthorizeResult.DENY }),
] as const;

/**
 * Allows only the named docker-services permissions: a container action
 * such as 'restart', or a full name after `docker-services.` such as
 * 'service.scale'.
 */
export function allowOnly(...actions: string[]) {
  const names = actions.map(a =>
    a.includes('.') ? `docker-services.${a}` : `docker-services.container.${a}`,
  );
  return [
    permissionApiRef,
    mockApis.permission({
      authorize: (request: EvaluatePermissionRequest) =>
        names.includes(request.permission.name)
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY,
    }),
  ] as const;
}

/** Permissions are only checked when the framework is on. */
export const permissionsOn = { permission: { enabled: true } };
