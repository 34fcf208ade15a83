import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  HistoryEntry,
  HistoryResponse,
  JOB_RETRY_ACTOR,
  JOB_SCHEDULE_ACTOR,
} from '@docker-services/backstage-plugin-docker-services-common';
import { act, screen } from '@testing-library/react';
import { dockerServicesApiRef } from '../api/DockerServicesApi';
import { HistoryPanel } from './HistoryPanel';
import {
  entity,
  fakeApi,
  mountedRoutes,
  response,
  UI_TEST_TIMEOUT_MS,
} from './__testUtils__/servicesFixtures';

const entry = (overrides: Partial<HistoryEntry>): HistoryEntry => ({
  id: 1,
  entityRef: 'component:default/shop-web',
  actor: 'user:default/alice',
  action: 'restart',
  host: 'local',
  containerId: 'a'.repeat(64),
  containerName: 'shop-web-1',
  outcome: 'succeeded',
  changed: true,
  createdAt: new Date().toISOString(),
  ...overrides,
});

// Every test renders the page and waits for it; a cold jest cache on a busy
// two-core machine needs far more than jest's default 5 s for that.
jest.setTimeout(UI_TEST_TIMEOUT_MS);

describe('HistoryPanel', () => {
  it('shows the titled card with a labelled progress until the rows are in, then the rows', async () => {
    const api = fakeApi(Promise.resolve(response));
    let answer: (page: HistoryResponse) => void = () => {};
    api.getHistory.mockReturnValue(
      new Promise(resolve => {
        answer = resolve;
      }),
    );
    await renderInTestApp(<HistoryPanel entity={entity} version={0} />, {
      apis: [[dockerServicesApiRef, api]],
      mountedRoutes,
    });

    expect(
      await screen.findByRole('progressbar', {
        name: 'Reading the recent actions',
      }),
    ).toBeInTheDocument();
    expect(screen.getByText('Recent actions')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();

    act(() => answer({ items: [entry({ id: 1, outcome: 'succeeded' })] }));
    expect(await screen.findByText('Done')).toBeInTheDocument();
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
    expect(screen.getByText('Recent actions')).toBeInTheDocument();
  });

  it('says in words how each action ended, and which one is still running', async () => {
    const api = fakeApi(Promise.resolve(response));
    api.getHistory.mockResolvedValue({
      items: [
        entry({ id: 3, action: 'stop', outcome: 'requested' }),
        entry({
          id: 2,
          action: 'start',
          outcome: 'failed',
          error: 'No such container.',
        }),
        entry({ id: 1, outcome: 'succeeded' }),
      ],
    });
    await renderInTestApp(<HistoryPanel entity={entity} version={0} />, {
      apis: [[dockerServicesApiRef, api]],
      mountedRoutes,
    });

    expect(
      await screen.findByText('Requested, in progress'),
    ).toBeInTheDocument();
    expect(screen.getByText('Failed: No such container.')).toBeInTheDocument();
    expect(screen.getByText('Done')).toBeInTheDocument();
  });

  it('says beside the person when an assistant acted on their behalf', async () => {
    const api = fakeApi(Promise.resolve(response));
    api.getHistory.mockResolvedValue({
      items: [
        entry({ id: 2, channel: 'assistant', reason: 'stuck after deploy' }),
        entry({ id: 1, actor: 'user:default/bob' }),
      ],
    });
    await renderInTestApp(<HistoryPanel entity={entity} version={0} />, {
      apis: [[dockerServicesApiRef, api]],
      mountedRoutes,
    });

    expect(await screen.findByText('via assistant')).toBeInTheDocument();
    expect(screen.getAllByText('via assistant')).toHaveLength(1);
    expect(screen.getByText('stuck after deploy')).toBeInTheDocument();
  });

  it('says in words why an action changed nothing, and keeps the host on one line', async () => {
    const api = fakeApi(Promise.resolve(response));
    api.getHistory.mockResolvedValue({
      items: [
        entry({ id: 2, action: 'stop', changed: false }),
        entry({ id: 1, action: 'start', changed: false }),
      ],
    });
    await renderInTestApp(<HistoryPanel entity={entity} version={0} />, {
      apis: [[dockerServicesApiRef, api]],
      mountedRoutes,
    });
    expect(
      await screen.findByText(
        'Stop shop-web-1: nothing to change, it was already stopped',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Start shop-web-1: nothing to change, it was already running',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/no change/)).not.toBeInTheDocument();
    const hostHead = screen.getByRole('columnheader', { name: 'Host' });
    expect(hostHead).toHaveStyle({ whiteSpace: 'nowrap' });
    expect(screen.getAllByRole('cell', { name: 'local' })[0]).toHaveStyle({
      whiteSpace: 'nowrap',
    });
  });
});

describe('HistoryPanel with Swarm services', () => {
  it('says what was done to a service: a scale with its numbers, a rolling restart', async () => {
    const api = fakeApi(Promise.resolve(response));
    const service = {
      target: 'service' as const,
      host: 'swarm-01',
      containerId: 'k3j2h4g5f6d7s8a9q0w1e2r3t',
      containerName: 'shop-api',
    };
    api.getHistory.mockResolvedValue({
      items: [
        entry({
          id: 4,
          ...service,
          action: 'scale',
          replicas: { from: 2, to: 3 },
        }),
        entry({ id: 3, ...service, action: 'restart' }),
        entry({
          id: 2,
          ...service,
          action: 'scale',
          replicas: { from: 3, to: 3 },
          changed: false,
        }),
        entry({ id: 1 }),
      ],
    });
    await renderInTestApp(<HistoryPanel entity={entity} version={0} />, {
      apis: [[dockerServicesApiRef, api]],
      mountedRoutes,
    });

    expect(
      await screen.findByText('Scaled shop-api from 2 to 3'),
    ).toBeInTheDocument();
    expect(screen.getByText('Rolling restart of shop-api')).toBeInTheDocument();
    expect(
      screen.getByText(
        'Scale shop-api to 3: nothing to change, it already had 3 replicas',
      ),
    ).toBeInTheDocument();
    // A container's restart reads as before.
    expect(screen.getByText('Restart shop-web-1')).toBeInTheDocument();
    // Docker accepted the service's changes; its tasks are not replaced yet.
    expect(
      screen.getAllByText(
        'Sent to Docker, which replaces the tasks one by one; the service card shows how far it got',
      ),
    ).toHaveLength(2);
    expect(screen.getAllByText('Done')).toHaveLength(2);
  });
});

describe('HistoryPanel with jobs', () => {
  it("says what was done to a job's schedule, and names the schedule and a retry as who acted", async () => {
    const api = fakeApi(Promise.resolve(response));
    const job = { containerId: 'c'.repeat(64), containerName: 'report-1' };
    api.getHistory.mockResolvedValue({
      items: [
        entry({
          id: 5,
          ...job,
          action: 'schedule',
          schedule: {
            change: 'set',
            cron: '0 2 * * *',
            timeZone: 'Europe/Berlin',
          },
        }),
        entry({
          id: 4,
          ...job,
          action: 'schedule',
          schedule: { change: 'paused' },
        }),
        entry({
          id: 3,
          ...job,
          action: 'schedule',
          schedule: { change: 'resumed' },
        }),
        entry({
          id: 2,
          ...job,
          action: 'schedule',
          schedule: { change: 'removed' },
        }),
        entry({ id: 1, ...job, action: 'start', actor: JOB_SCHEDULE_ACTOR }),
        entry({ id: 0, ...job, action: 'start', actor: JOB_RETRY_ACTOR }),
      ],
    });
    await renderInTestApp(<HistoryPanel entity={entity} version={0} />, {
      apis: [[dockerServicesApiRef, api]],
      mountedRoutes,
    });

    expect(
      await screen.findByText(
        'Set the schedule of report-1 to 0 2 * * * (Europe/Berlin)',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Paused the schedule of report-1'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Resumed the schedule of report-1'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Removed the schedule of report-1'),
    ).toBeInTheDocument();
    const rows = screen.getAllByRole('row');
    expect(
      rows.find(r => r.textContent?.includes('The schedule')),
    ).toHaveTextContent('Start report-1');
    expect(
      rows.find(r => r.textContent?.includes('A retry')),
    ).toHaveTextContent('Start report-1');
    expect(screen.getAllByText('alice')).toHaveLength(4);
  });
});
