import { act, screen, waitFor, within } from '@testing-library/react';
import { FakeSignalApi } from '../hooks/__testUtils__/FakeSignalApi';
import { renderServicesContent } from './__testUtils__/renderServicesContent';
import {
  fakeApi,
  fastUser,
  findRow,
  response,
  rowButton,
  UI_TEST_TIMEOUT_MS,
} from './__testUtils__/servicesFixtures';
import {
  serviceWith,
  shopApiTarget,
  shopWebRef,
  swarmApi,
  swarmResponseWith,
} from './__testUtils__/swarmFixtures';

// Every test renders the page and waits for it; a cold jest cache on a busy
// two-core machine needs far more than jest's default 5 s for that.
jest.setTimeout(UI_TEST_TIMEOUT_MS);

describe('ServicesContent Swarm services: what they show', () => {
  it('shows nothing of Swarm for an entity without services', async () => {
    const api = fakeApi(Promise.resolve(response));
    await renderServicesContent(api);
    await findRow('shop-web-1');
    await waitFor(() =>
      expect(api.listSwarmServices).toHaveBeenCalledWith(shopWebRef),
    );
    expect(screen.queryByText(/Swarm/)).not.toBeInTheDocument();
  });

  it('shows each service with its tasks, the update and the tasks per node in words', async () => {
    const user = fastUser();
    await renderServicesContent(swarmApi());
    expect(
      await screen.findByText('Swarm services on host swarm-01'),
    ).toBeInTheDocument();
    const row = await findRow('shop-api');
    expect(row).toHaveTextContent('shop-api:2');
    expect(row).toHaveTextContent('Replicated: 3 replicas');
    expect(
      within(row).getByText('2 of 3 running, 1 starting on node-2'),
    ).toBeInTheDocument();
    // How far the update is, over Docker's state in words.
    expect(within(row).getByText('Updating 1 of 3 tasks…')).toBeInTheDocument();
    expect(within(row).getByTestId('swarm-update-state')).toHaveTextContent(
      'A rolling update is in progress',
    );

    // The tasks open from the keyboard, and the button says they are open.
    const toggle = rowButton(row, '4 tasks of shop-api');
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    toggle.focus();
    await user.keyboard('{Enter}');
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const tasks = screen.getByRole('list', {
      name: 'Tasks of shop-api, by replica',
    });
    expect(toggle).toHaveAttribute('aria-controls', tasks.id);
    // Each replica once, its state said once; an older task of the same
    // replica under it, not as a second "Replica 2".
    const replicas = within(tasks).getAllByTestId('swarm-task-group');
    expect(replicas.map(r => r.textContent)).toEqual([
      'Replica 1: Running on node-1 for 3 minutes',
      'Replica 2: Starting on node-2Docker: starting' +
        'Older task: Ended 1 minute ago on node-2 with code 1: the program reported an error' +
        'Docker: task: non-zero exit (1) (exit code 1)',
      'Replica 3: Running on node-1 for 10 minutes',
    ]);
    expect(
      within(replicas[1]).getByRole('list', {
        name: 'Older tasks of Replica 2',
      }),
    ).toBeInTheDocument();

    await user.click(toggle);
    expect(
      screen.queryByRole('list', { name: 'Tasks of shop-api, by replica' }),
    ).not.toBeInTheDocument();
  });

  it("opens a service's log, all tasks, and re-reads the services on the entity's signal", async () => {
    const user = fastUser();
    const api = swarmApi();
    api.streamSwarmServiceLogs.mockImplementation(async function* stream() {
      yield {
        stream: 'stdout' as const,
        time: '2026-01-01T00:00:01Z',
        line: 'GET /orders 200',
        task: { id: 'b2'.padEnd(25, 'b'), slot: 2, node: 'node-2' },
      };
    });
    const signals = new FakeSignalApi();
    await renderServicesContent(api, { signals });
    await user.click(rowButton(await findRow('shop-api'), 'Logs of shop-api'));
    const drawer = await screen.findByRole('dialog', {
      name: 'Logs of shop-api (all its tasks)',
    });
    await waitFor(() =>
      expect(within(drawer).getByTestId('log-line-count')).toHaveTextContent(
        '1 line (0 on stderr, marked [stderr]); each starts with the task and node that wrote it, such as shop-api.2@node-2',
      ),
    );
    expect(api.streamSwarmServiceLogs).toHaveBeenCalledWith(
      shopApiTarget,
      expect.objectContaining({ follow: true, tail: 500 }),
      expect.any(AbortSignal),
    );
    expect(api.streamLogs).not.toHaveBeenCalled();
    await user.click(
      within(drawer).getByRole('button', { name: 'Close logs' }),
    );

    api.listSwarmServices.mockResolvedValue(
      swarmResponseWith(
        serviceWith({ runningTasks: 3, summary: '3 of 3 running' }),
      ),
    );
    act(() =>
      signals.deliver('docker-services:entity:component:default/shop-web', {
        change: 'changed',
      }),
    );
    expect(await screen.findByText('3 of 3 running')).toBeInTheDocument();
    expect(signals.channels()).toHaveLength(1);
    await waitFor(() =>
      expect(screen.getByTestId('live-announcements')).toHaveTextContent(
        'shop-api: 3 of 3 running',
      ),
    );
  });
});
