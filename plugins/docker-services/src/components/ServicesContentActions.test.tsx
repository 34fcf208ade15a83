import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { dockerServicesApiRef } from '../api/DockerServicesApi';
import { ServicesContent } from './ServicesContent';
import {
  allow,
  deny,
  entity,
  fakeApi,
  mountedRoutes,
  response,
} from './__testUtils__/servicesFixtures';

describe('ServicesContent actions, history and details', () => {
  it('confirms an action in plain words, sends the reason, and refreshes', async () => {
    const api = fakeApi(Promise.resolve(response));
    await renderInTestApp(<ServicesContent entity={entity} />, {
      apis: [[dockerServicesApiRef, api], allow],
      mountedRoutes,
    });

    // The container has exited: Start is offered, Stop is not.
    const stop = await screen.findByRole('button', { name: 'Stop shop-web-1' });
    expect(stop).toBeDisabled();
    await userEvent.click(
      screen.getByRole('button', { name: 'Start shop-web-1' }),
    );

    const dialog = await screen.findByRole('dialog');
    expect(
      within(dialog).getByText(/Starting shop-web-1 runs it again/),
    ).toBeInTheDocument();
    await userEvent.type(
      within(dialog).getByLabelText(/Reason/),
      'after the fix',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Start' }),
    );

    await waitFor(() =>
      expect(api.runAction).toHaveBeenCalledWith({
        entityRef: {
          kind: 'Component',
          namespace: 'default',
          name: 'shop-web',
        },
        host: 'local',
        id: 'a'.repeat(64),
        action: 'start',
        reason: 'after the fix',
      }),
    );
    await waitFor(() => expect(api.listContainers).toHaveBeenCalledTimes(2));
    expect(api.getHistory).toHaveBeenCalledTimes(2);
  });

  it('shows the history with who, what, and why, and pages back to older actions', async () => {
    const api = fakeApi(Promise.resolve(response));
    const first = await api.getHistory();
    api.getHistory
      .mockResolvedValueOnce({ ...first, nextBefore: 1 })
      .mockResolvedValueOnce({
        items: [
          {
            ...first.items[0],
            id: 0,
            action: 'stop',
            reason: 'old maintenance',
          },
        ],
      });
    await renderInTestApp(<ServicesContent entity={entity} />, {
      apis: [[dockerServicesApiRef, api], allow],
      mountedRoutes,
    });
    expect(await screen.findByText('Restart shop-web-1')).toBeInTheDocument();
    expect(screen.getByText('stuck on start-up')).toBeInTheDocument();
    expect(screen.getByText('2 minutes ago')).toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('button', { name: 'Show older actions' }),
    );
    expect(await screen.findByText('old maintenance')).toBeInTheDocument();
    expect(api.getHistory).toHaveBeenLastCalledWith(
      { kind: 'Component', namespace: 'default', name: 'shop-web' },
      { limit: 10, before: 1 },
    );
    expect(
      screen.queryByRole('button', { name: 'Show older actions' }),
    ).not.toBeInTheDocument();
  });

  it('disables the buttons of users who may not act, and says why', async () => {
    // usePermission caches decisions per entity ref (SWR), so this test uses
    // an entity of its own.
    const billing = {
      ...entity,
      metadata: { ...entity.metadata, name: 'billing-api' },
    };
    await renderInTestApp(<ServicesContent entity={billing} />, {
      apis: [[dockerServicesApiRef, fakeApi(Promise.resolve(response))], deny],
      mountedRoutes,
      // usePermission allows everything while the framework is off.
      config: { permission: { enabled: true } },
    });
    const start = await screen.findByRole('button', {
      name: 'Start shop-web-1',
    });
    await waitFor(() => expect(start).toBeDisabled());
    await userEvent.hover(start.parentElement!);
    expect(
      await screen.findByText(
        /Only the owners of billing-api \(team-shop\) or an administrator may start its containers/,
      ),
    ).toBeInTheDocument();
  });

  it('shows the Docker terms and health checks in a details dialog', async () => {
    const api = fakeApi(Promise.resolve(response));
    await renderInTestApp(<ServicesContent entity={entity} />, {
      apis: [[dockerServicesApiRef, api], allow],
      mountedRoutes,
    });
    await userEvent.click(await screen.findByText('shop-web-1'));
    const dialog = await screen.findByRole('dialog');
    expect(await within(dialog).findByText('a'.repeat(64))).toBeInTheDocument();
    expect(
      within(dialog).getByText(/137 \(killed \(SIGKILL\)/),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText(/failed \(exit 1\) — connection refused/),
    ).toBeInTheDocument();
    // Exited: no stats are asked for, and the dialog says why.
    expect(within(dialog).getByTestId('container-stats')).toHaveTextContent(
      'Not running, so it uses no CPU or memory.',
    );
    expect(api.getContainerStats).not.toHaveBeenCalled();
    expect(api.getContainerDetails).toHaveBeenCalledWith({
      entityRef: { kind: 'Component', namespace: 'default', name: 'shop-web' },
      host: 'local',
      id: 'a'.repeat(64),
    });
  });
});
