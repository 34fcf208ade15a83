import { screen, waitFor, within } from '@testing-library/react';
import { renderServicesContent } from './__testUtils__/renderServicesContent';
import {
  allowOnly,
  entityNamed,
  fastUser,
  findRow,
  permissionsOn,
  rowButton,
  UI_TEST_TIMEOUT_MS,
} from './__testUtils__/servicesFixtures';
import {
  serviceWith,
  shopApiTarget,
  swarmApi,
  swarmResponseWith,
} from './__testUtils__/swarmFixtures';

// Every test renders the page and waits for it; a cold jest cache on a busy
// two-core machine needs far more than jest's default 5 s for that.
jest.setTimeout(UI_TEST_TIMEOUT_MS);

describe('ServicesContent Swarm services: scale, rolling restart, and when they are refused', () => {
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
    await renderServicesContent(api);
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
        ...shopApiTarget,
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
    await renderServicesContent(api);
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
        ...shopApiTarget,
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
    await renderServicesContent(swarmApi(), {
      entity: billing,
      permissions: allowOnly('restart', 'logs'),
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
    await renderServicesContent(api);
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
});
