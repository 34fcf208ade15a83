import { renderInTestApp } from '@backstage/frontend-test-utils';
import { HistoryEntry } from '@docker-services/backstage-plugin-docker-services-common';
import { screen, waitFor, within } from '@testing-library/react';
import {
  DockerServicesApi,
  dockerServicesApiRef,
} from '../../api/DockerServicesApi';
import {
  allowOnly,
  containerWith,
  entityNamed,
  fastUser,
  mountedRoutes,
  permissionsOn,
  UI_TEST_TIMEOUT_MS,
} from '../__testUtils__/servicesFixtures';
import { AskOwnersButton } from './AskOwnersButton';

jest.setTimeout(UI_TEST_TIMEOUT_MS);

// usePermission caches decisions per entity ref: one entity per test.
async function renderButton(options: {
  entityName: string;
  container: ReturnType<typeof containerWith>;
  permissions: readonly [unknown, unknown];
  askOwners?: DockerServicesApi['askOwners'];
  yourLastAsk?: HistoryEntry;
}) {
  const askOwners = jest.fn(
    options.askOwners ??
      (async () => ({
        action: 'start' as const,
        owners: ['group:default/team-shop'],
        message: 'The owners of shop-web (team-shop) were asked to start it.',
      })),
  );
  const onOutcome = jest.fn();
  await renderInTestApp(
    <AskOwnersButton
      container={options.container}
      entity={entityNamed(options.entityName)}
      owners={[{ ref: 'group:default/team-shop', title: 'Shop team' }]}
      yourLastAsk={options.yourLastAsk}
      onOutcome={onOutcome}
    />,
    {
      apis: [
        [dockerServicesApiRef, { askOwners } as unknown as DockerServicesApi],
        options.permissions as any,
      ],
      mountedRoutes,
      config: permissionsOn,
    },
  );
  return { askOwners, onOutcome };
}

describe('AskOwnersButton', () => {
  it('asks the owners to start a stopped container with a required reason, and shows their answer', async () => {
    const user = fastUser();
    const { askOwners, onOutcome } = await renderButton({
      entityName: 'ask-start',
      container: containerWith({ state: 'exited' }),
      permissions: allowOnly('logs'),
    });
    await user.click(
      await screen.findByRole('button', {
        name: 'Ask the owners to start shop-web-1',
      }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Ask the owners to start shop-web-1',
    });
    expect(dialog).toHaveTextContent(/Shop team get a notification/);

    // Without a reason, Send is disabled and says why.
    const send = within(dialog).getByRole('button', {
      name: 'Send to the owners',
    });
    expect(send).toBeDisabled();
    expect(send).toHaveAccessibleDescription(
      /Send stays disabled until you do/,
    );
    await user.type(within(dialog).getByLabelText(/Reason/), '   ');
    expect(send).toBeDisabled();

    await user.type(
      within(dialog).getByLabelText(/Reason/),
      'checkout is down for customers',
    );
    expect(send).toBeEnabled();
    await user.click(send);

    expect(
      await within(dialog).findByText(
        'The owners of shop-web (team-shop) were asked to start it.',
      ),
    ).toHaveAttribute('role', 'status');
    expect(askOwners).toHaveBeenCalledWith({
      entityRef: { kind: 'Component', namespace: 'default', name: 'ask-start' },
      host: 'local',
      id: 'a'.repeat(64),
      action: 'start',
      reason: 'checkout is down for customers',
    });
    expect(onOutcome).toHaveBeenCalledWith(
      'The owners of shop-web (team-shop) were asked to start it.',
    );
    // Sent: nothing more to send, only to close.
    expect(
      within(dialog).queryByRole('button', { name: 'Send to the owners' }),
    ).not.toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
  });

  it('offers to ask for a restart of a running container, and says so when asked too often', async () => {
    const user = fastUser();
    const refusal =
      'You asked the owners about shop-web-1 less than 10 minutes ago. Try again in 9 minutes.';
    const { onOutcome } = await renderButton({
      entityName: 'ask-restart',
      container: containerWith({ state: 'running' }),
      permissions: allowOnly('logs', 'start'),
      askOwners: async () => {
        throw Object.assign(
          new Error('Request failed with 429 Too Many Requests'),
          { body: { error: { message: refusal } } },
        );
      },
    });
    await user.click(
      await screen.findByRole('button', {
        name: 'Ask the owners to restart shop-web-1',
      }),
    );
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByLabelText(/Reason/), 'memory leak');
    await user.click(
      within(dialog).getByRole('button', { name: 'Send to the owners' }),
    );
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      `Not sent: ${refusal}`,
    );
    expect(onOutcome).toHaveBeenCalledWith(refusal);
    // The reason is kept, to send again later.
    expect(
      within(dialog).getByRole('button', { name: 'Send to the owners' }),
    ).toBeEnabled();
  });

  it('says when the user asked, rather than offer to ask again, until they may', async () => {
    const asked = (minutes: number): HistoryEntry => ({
      id: 9,
      entityRef: 'component:default/ask-again',
      actor: 'user:default/carol',
      action: 'start',
      host: 'local',
      containerId: 'a'.repeat(64),
      containerName: 'shop-web-1',
      reason: 'down',
      outcome: 'asked',
      changed: false,
      createdAt: new Date(Date.now() - minutes * 60_000).toISOString(),
      // The backend's interval here: 15 minutes.
      askAgainAt: new Date(Date.now() + (15 - minutes) * 60_000).toISOString(),
    });
    await renderButton({
      entityName: 'ask-again',
      container: containerWith({ state: 'exited' }),
      permissions: allowOnly('logs'),
      yourLastAsk: asked(4),
    });
    expect(await screen.findByTestId('you-asked')).toHaveTextContent(
      'You asked the owners to start it 4 minutes ago. You can ask again in 11 minutes.',
    );
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });

  it('offers to ask again once the wait is over', async () => {
    await renderButton({
      entityName: 'ask-again-later',
      container: containerWith({ state: 'exited' }),
      permissions: allowOnly('logs'),
      yourLastAsk: {
        id: 9,
        entityRef: 'component:default/ask-again-later',
        actor: 'user:default/carol',
        action: 'start',
        host: 'local',
        containerId: 'a'.repeat(64),
        containerName: 'shop-web-1',
        outcome: 'asked',
        changed: false,
        createdAt: new Date(Date.now() - 11 * 60_000).toISOString(),
        askAgainAt: new Date(Date.now() - 60_000).toISOString(),
      },
    });
    expect(
      await screen.findByRole('button', {
        name: 'Ask the owners to start shop-web-1',
      }),
    ).toBeInTheDocument();
    expect(screen.queryByTestId('you-asked')).not.toBeInTheDocument();
  });
});
