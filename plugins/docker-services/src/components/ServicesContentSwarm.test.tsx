import { renderInTestApp } from '@backstage/frontend-test-utils';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { act, screen, waitFor, within } from '@testing-library/react';
import { dockerServicesApiRef } from '../api/DockerServicesApi';
import { FakeSignalApi } from '../hooks/__testUtils__/FakeSignalApi';
import { ServicesContent } from './ServicesContent';
import {
  allow,
  allowOnly,
  entity,
  entityNamed,
  fakeApi,
  fastUser,
  findRow,
  mountedRoutes,
  permissionsOn,
  response,
  rowButton,
  UI_TEST_TIMEOUT_MS,
} from './__testUtils__/servicesFixtures';
import {
  serviceWith,
  shopApi,
  swarmResponse,
  swarmResponseWith,
} from './__testUtils__/swarmFixtures';

// Every test renders the page and waits for it; a cold jest cache on a busy
// two-core machine needs far more than jest's default 5 s for that.
jest.setTimeout(UI_TEST_TIMEOUT_MS);

const shopWebRef = {
  kind: 'Component',
  namespace: 'default',
  name: 'shop-web',
};

function swarmApi(list = swarmResponse) {
  const api = fakeApi(Promise.resolve(response));
  api.listSwarmServices.mockResolvedValue(list);
  return api;
}

describe('ServicesContent Swarm services', () => {
  it('shows nothing of Swarm for an entity without services', async () => {
    const api = fakeApi(Promise.resolve(response));
    await renderInTestApp(<ServicesContent entity={entity} />, {
      apis: [[dockerServicesApiRef, api], allow],
      mountedRoutes,
    });
    await findRow('shop-web-1');
    await waitFor(() =>
      expect(api.listSwarmServices).toHaveBeenCalledWith(shopWebRef),
    );
    expect(screen.queryByText(/Swarm/)).not.toBeInTheDocument();
  });

  it('shows each service with its tasks, the update and the tasks per node in words', async () => {
    const user = fastUser();
    await renderInTestApp(<ServicesContent entity={entity} />, {
      apis: [[dockerServicesApiRef, swarmApi()], allow],
      mountedRoutes,
    });
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

  it('scales within the limits, sends the number and the reason, and says the result', async () => {
    const user = fastUser();
    const api = swarmApi();
    api.runSwarmServiceAction.mockImplementation(async () => {
      api.listSwarmServices.mockResolvedValue(
        swarmResponseWith(
          serviceWith({
            desiredTasks: 4,
            summary: '2 of 4 running, 2 starting',
          }),
        ),
      );
      return { action: 'scale' as const, changed: true };
    });
    await renderInTestApp(<ServicesContent entity={entity} />, {
      apis: [[dockerServicesApiRef, api], allow],
      mountedRoutes,
    });
    await user.click(rowButton(await findRow('shop-api'), 'Scale shop-api'));

    const dialog = await screen.findByRole('dialog', {
      name: 'Scale shop-api?',
    });
    const field = within(dialog).getByRole('spinbutton', { name: 'Replicas' });
    const scale = within(dialog).getByRole('button', { name: 'Scale' });
    expect(field).toHaveValue(3);
    expect(field).toHaveAttribute('min', '0');
    expect(field).toHaveAttribute('max', '5');
    // The same number changes nothing; one out of the limits is refused.
    expect(scale).toBeDisabled();
    expect(scale).toHaveAccessibleDescription(
      'shop-api already has 3 replicas. From 0 to 5: the limits this portal allows.',
    );
    await user.clear(field);
    await user.type(field, '9');
    expect(scale).toBeDisabled();
    expect(scale).toHaveAccessibleDescription(
      'Enter a whole number from 0 to 5: the limits this portal allows.',
    );
    await user.clear(field);
    await user.type(field, '4');
    expect(scale).toBeEnabled();
    expect(within(dialog).getByTestId('scale-consequence')).toHaveTextContent(
      'Scaling shop-api from 3 to 4 replicas starts 1 task more; Swarm places them on nodes that can run them.',
    );
    await user.type(within(dialog).getByLabelText(/Reason/), 'sale starts');
    await user.click(scale);

    await waitFor(() =>
      expect(api.runSwarmServiceAction).toHaveBeenCalledWith({
        entityRef: shopWebRef,
        host: 'swarm-01',
        id: shopApi.id,
        action: 'scale',
        replicas: 4,
        reason: 'sale starts',
      }),
    );
    const live = screen.getByTestId('live-announcements');
    await waitFor(() =>
      expect(live).toHaveTextContent(
        'shop-api was scaled from 3 to 4 replicas.',
      ),
    );
    // The list is read again and shows the new numbers.
    expect(
      await screen.findByText('2 of 4 running, 2 starting'),
    ).toBeInTheDocument();
  });

  it('asks before a rolling restart and shows the refusal in the words of the backend', async () => {
    const user = fastUser();
    const api = swarmApi();
    api.runSwarmServiceAction.mockRejectedValue(
      Object.assign(new Error('Request failed with 409 Conflict'), {
        body: {
          error: {
            name: 'ConflictError',
            message: 'An update of shop-api is already in progress.',
          },
        },
      }),
    );
    await renderInTestApp(<ServicesContent entity={entity} />, {
      apis: [[dockerServicesApiRef, api], allow],
      mountedRoutes,
    });
    await user.click(
      rowButton(await findRow('shop-api'), 'Rolling restart of shop-api'),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Rolling restart of shop-api?',
    });
    expect(dialog).toHaveTextContent(
      'Swarm replaces the 3 tasks of shop-api with new ones of the same image and settings, as its update settings say (by default one at a time), so it stays available while they are replaced.',
    );
    await user.click(
      within(dialog).getByRole('button', { name: 'Rolling restart' }),
    );

    await waitFor(() =>
      expect(api.runSwarmServiceAction).toHaveBeenCalledWith({
        entityRef: shopWebRef,
        host: 'swarm-01',
        id: shopApi.id,
        action: 'restart',
      }),
    );
    await waitFor(() =>
      expect(screen.getByTestId('live-announcements')).toHaveTextContent(
        'Could not restart shop-api: An update of shop-api is already in progress.',
      ),
    );
  });

  it('disables scaling for users who may only restart, and says why', async () => {
    const billing = entityNamed('billing-swarm');
    await renderInTestApp(<ServicesContent entity={billing} />, {
      apis: [[dockerServicesApiRef, swarmApi()], allowOnly('restart', 'logs')],
      mountedRoutes,
      config: permissionsOn,
    });
    const row = await findRow('shop-api');
    const scale = rowButton(row, 'Scale shop-api');
    await waitFor(() =>
      expect(scale).toHaveAccessibleDescription(
        'Only the owners of billing-swarm (team-shop) or an administrator may scale its services. Ask them.',
      ),
    );
    expect(scale).toBeDisabled();
    expect(rowButton(row, 'Rolling restart of shop-api')).toBeEnabled();
    expect(rowButton(row, 'Logs of shop-api')).toBeEnabled();
  });

  it('disables every action on a service bound to several entities, and a global service has no scale', async () => {
    const conflict = {
      entityRefs: ['component:default/billing', 'component:default/shop-web'],
      message: 'shop-api on host swarm-01 is bound to two entities.',
    };
    const api = swarmApi(
      swarmResponseWith(
        serviceWith({ conflict }),
        serviceWith({
          id: 'g'.repeat(25),
          name: 'log-agent',
          mode: 'global',
          desiredTasks: 2,
          runningTasks: 2,
          summary: '2 of 2 running',
          update: undefined,
          tasks: [],
        }),
      ),
    );
    await renderInTestApp(<ServicesContent entity={entity} />, {
      apis: [[dockerServicesApiRef, api], allow],
      mountedRoutes,
    });
    const row = await findRow('shop-api');
    for (const name of [
      'Logs of shop-api',
      'Scale shop-api',
      'Rolling restart of shop-api',
    ]) {
      expect(rowButton(row, name)).toBeDisabled();
      expect(rowButton(row, name)).toHaveAccessibleDescription(
        conflict.message,
      );
    }
    const agent = await findRow('log-agent');
    expect(agent).toHaveTextContent(
      'Global: one task on each eligible node (2 now)',
    );
    expect(agent).toHaveTextContent('Not updated since it was created');
    await waitFor(() =>
      expect(rowButton(agent, 'Scale log-agent')).toHaveAccessibleDescription(
        'log-agent is a global service: Swarm runs one task of it on every eligible node, so it has no number of replicas to change.',
      ),
    );
    expect(rowButton(agent, 'Rolling restart of log-agent')).toBeEnabled();
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
    await renderInTestApp(<ServicesContent entity={entity} />, {
      apis: [[dockerServicesApiRef, api], allow, [signalApiRef, signals]],
      mountedRoutes,
    });
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
      { entityRef: shopWebRef, host: 'swarm-01', id: shopApi.id },
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
