import { screen, waitFor, within } from '@testing-library/react';
import {
  containerWith,
  deny,
  entityNamed,
  fakeApi,
  fastUser,
  findRow,
  permissionsOn,
  response,
  responseWith,
  rowButton,
  UI_TEST_TIMEOUT_MS,
} from './__testUtils__/servicesFixtures';
import { renderServicesContent } from './__testUtils__/renderServicesContent';

// Every test renders the page and waits for it; a cold jest cache on a busy
// two-core machine needs far more than jest's default 5 s for that.
jest.setTimeout(UI_TEST_TIMEOUT_MS);

describe('ServicesContent actions, history and details', () => {
  it('confirms an action in plain words, sends the reason, and refreshes', async () => {
    const user = fastUser();
    const api = fakeApi(Promise.resolve(response));
    // Once started, the backend lists the container running and the
    // history holds the action.
    const started = responseWith({
      name: 'local',
      status: 'ok',
      containers: [
        containerWith({
          state: 'running',
          startedAt: new Date().toISOString(),
        }),
      ],
    });
    const { items } = await api.getHistory();
    api.runAction.mockImplementation(async () => {
      api.listContainers.mockResolvedValue(started);
      api.getHistory.mockResolvedValue({
        items: [
          { ...items[0], id: 2, action: 'start', reason: 'after the fix' },
        ],
      });
      return {
        action: 'start' as const,
        changed: true,
        message: 'shop-web-1 was started.',
      };
    });
    await renderServicesContent(api);

    // The container has exited: Start is offered, Stop is not.
    const row = await findRow('shop-web-1');
    expect(rowButton(row, 'Stop shop-web-1')).toBeDisabled();
    await user.click(rowButton(row, 'Start shop-web-1'));

    const dialog = await screen.findByRole('dialog');
    expect(
      within(dialog).getByText(/Starting shop-web-1 runs it again/),
    ).toBeInTheDocument();
    await user.type(within(dialog).getByLabelText(/Reason/), 'after the fix');
    await user.click(within(dialog).getByRole('button', { name: 'Start' }));

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
    // The list and the history are re-read: the page shows the outcome.
    // (The list is also polled, so how often it was read depends on the
    // machine's speed; what the page shows does not.)
    expect(await screen.findByText(/^Running for/)).toBeInTheDocument();
    expect(await screen.findByText('after the fix')).toBeInTheDocument();
  });

  it('shows the history with who, what, and why, and pages back to older actions', async () => {
    const user = fastUser();
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
    await renderServicesContent(api);
    expect(await screen.findByText('Restart shop-web-1')).toBeInTheDocument();
    expect(screen.getByText('stuck on start-up')).toBeInTheDocument();
    expect(screen.getByText('2 minutes ago')).toBeInTheDocument();

    await user.click(
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
    const user = fastUser();
    // usePermission caches decisions per entity ref (SWR), so this test uses
    // an entity of its own.
    const billing = entityNamed('billing-api');
    await renderServicesContent(fakeApi(Promise.resolve(response)), {
      entity: billing,
      permissions: deny,
      config: permissionsOn,
    });
    const row = await findRow('shop-web-1');
    const start = rowButton(row, 'Start shop-web-1');
    // Once, in text next to the actions, and as the buttons' description.
    const why = 'Only team-shop can start, stop or restart these. Ask them.';
    await waitFor(() => expect(start).toHaveAccessibleDescription(why));
    expect(start).toBeDisabled();
    expect(screen.getByTestId('permission-note')).toHaveTextContent(why);
    expect(
      within(screen.getByTestId('permission-note')).getByRole('link', {
        name: 'team-shop',
      }),
    ).toBeInTheDocument();
    await user.hover(start.parentElement!);
    expect(await screen.findByRole('tooltip', { name: why })).toBeVisible();
  });

  it('shows the Docker terms and health checks in a details dialog', async () => {
    const user = fastUser();
    const api = fakeApi(Promise.resolve(response));
    await renderServicesContent(api);
    await user.click(await screen.findByText('shop-web-1'));
    const dialog = await screen.findByRole('dialog');
    expect(await within(dialog).findByText('a'.repeat(64))).toBeInTheDocument();
    expect(
      within(dialog).getByText(/137 \(killed at once \(SIGKILL\)/),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText(/failed \(exit 1\) — connection refused/),
    ).toBeInTheDocument();
    // Times in words, not Docker's RFC 3339 (with its nanoseconds).
    expect(dialog).not.toHaveTextContent(/\d{4}-\d\d-\d\dT\d\d:/);
    expect(dialog).toHaveTextContent(/Created.*2026.*ago/);
    // Exited: no stats are asked for, and the dialog says why.
    expect(within(dialog).getByTestId('container-stats')).toHaveTextContent(
      'Not running, so it uses no CPU or memory.',
    );
    expect(api.getContainerStats).not.toHaveBeenCalled();
    expect(api.getContainerDetails).toHaveBeenCalledWith({
      entityRef: {
        kind: 'Component',
        namespace: 'default',
        name: 'shop-web',
      },
      host: 'local',
      id: 'a'.repeat(64),
    });
  });
});
