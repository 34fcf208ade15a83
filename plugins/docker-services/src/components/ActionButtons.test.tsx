import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, waitFor } from '@testing-library/react';
import { ActionButtons } from './ActionButtons';
import {
  allowOnly,
  containerWith,
  entityNamed,
  fastUser,
  mountedRoutes,
  permissionsOn,
  UI_TEST_TIMEOUT_MS,
} from './__testUtils__/servicesFixtures';

// usePermission caches decisions per entity ref, so every test that sets
// its own decisions uses an entity of its own.
async function renderButtons(options: {
  entityName: string;
  container: ReturnType<typeof containerWith>;
  permissions: ReturnType<typeof allowOnly>;
}) {
  const onRequest = jest.fn();
  const onOpenLogs = jest.fn();
  await renderInTestApp(
    <ActionButtons
      container={options.container}
      entity={entityNamed(options.entityName)}
      onRequest={onRequest}
      onOpenLogs={onOpenLogs}
    />,
    { apis: [options.permissions], mountedRoutes, config: permissionsOn },
  );
  return { onRequest, onOpenLogs };
}

const button = (name: string) => screen.getByRole('button', { name });

// Every test renders the page and waits for it; a cold jest cache on a busy
// two-core machine needs far more than jest's default 5 s for that.
jest.setTimeout(UI_TEST_TIMEOUT_MS);

describe('ActionButtons', () => {
  it('offers Restart of a stopped container only to users who may also start it', async () => {
    await renderButtons({
      entityName: 'restart-without-start',
      container: containerWith({ state: 'exited' }),
      permissions: allowOnly('restart', 'stop', 'logs'),
    });
    await waitFor(() =>
      expect(button('Restart shop-web-1')).toHaveAccessibleDescription(
        'shop-web-1 is not running, so restarting it would start it. Only the owners of restart-without-start (team-shop) or an administrator may start its containers. Ask them.',
      ),
    );
    expect(button('Restart shop-web-1')).toBeDisabled();

    const user = fastUser();
    await user.hover(button('Restart shop-web-1').parentElement!);
    expect(
      await screen.findByRole('tooltip', {
        name: /restarting it would start it/,
      }),
    ).toBeInTheDocument();
  });

  it('offers Restart of a stopped container to users who may start it', async () => {
    const { onRequest } = await renderButtons({
      entityName: 'restart-with-start',
      container: containerWith({ state: 'created' }),
      permissions: allowOnly('restart', 'start'),
    });
    await waitFor(() => expect(button('Restart shop-web-1')).toBeEnabled());
    expect(button('Restart shop-web-1')).not.toHaveAttribute(
      'aria-describedby',
    );
    await fastUser().click(button('Restart shop-web-1'));
    expect(onRequest).toHaveBeenCalledWith('restart');
  });

  it('offers Restart of a running container without the start permission', async () => {
    await renderButtons({
      entityName: 'restart-running',
      container: containerWith({ state: 'running' }),
      permissions: allowOnly('restart'),
    });
    await waitFor(() => expect(button('Restart shop-web-1')).toBeEnabled());
    expect(button('Start shop-web-1')).toHaveAccessibleDescription(
      /may start its containers/,
    );
  });
});
