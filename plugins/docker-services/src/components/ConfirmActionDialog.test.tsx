import { renderInTestApp } from '@backstage/frontend-test-utils';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import {
  ContainerAction,
  HistoryEntry,
} from '@docker-services/backstage-plugin-docker-services-common';
import { screen, waitFor, within } from '@testing-library/react';
import { ConfirmActionDialog } from './ConfirmActionDialog';
import {
  entity,
  fastUser,
  mountedRoutes,
  UI_TEST_TIMEOUT_MS,
} from './__testUtils__/servicesFixtures';

jest.setTimeout(UI_TEST_TIMEOUT_MS);

const production = {
  ...entity,
  spec: { ...entity.spec, lifecycle: 'production' },
  relations: [
    ...entity.relations!,
    { type: 'dependencyOf', targetRef: 'component:default/checkout' },
  ],
};

async function renderDialog(
  action: ContainerAction,
  options: { askedBy?: HistoryEntry; component?: typeof entity } = {},
) {
  const onConfirm = jest.fn();
  await renderInTestApp(
    <ConfirmActionDialog
      action={action}
      containerName="shop-web-1"
      entity={options.component ?? production}
      askedBy={options.askedBy}
      onConfirm={onConfirm}
      onCancel={() => {}}
    />,
    { apis: [[catalogApiRef, catalogApiMock()]], mountedRoutes },
  );
  return { onConfirm, dialog: await screen.findByRole('dialog') };
}

describe('ConfirmActionDialog', () => {
  it("lists what depends on the component and asks for the container's name before stopping it in production", async () => {
    const user = fastUser();
    const { onConfirm, dialog } = await renderDialog('stop');
    const dependents = await within(dialog).findByRole('list', {
      name: '1 catalog entity depends on shop-web and may be affected:',
    });
    expect(within(dependents).getByRole('link')).toHaveTextContent('checkout');

    const stop = within(dialog).getByRole('button', { name: 'Stop' });
    expect(stop).toBeDisabled();
    expect(stop).toHaveAccessibleDescription(
      'shop-web runs in production: Stop is enabled once you type shop-web-1 exactly.',
    );
    // The container's name, not the component's.
    expect(
      within(dialog).queryByLabelText(/Type shop-web to confirm/),
    ).not.toBeInTheDocument();
    const name = within(dialog).getByLabelText(/Type shop-web-1 to confirm/);
    await user.type(name, 'shop-web');
    // What is wrong is said, not only shown by a grey button.
    expect(stop).toBeDisabled();
    expect(stop).toHaveAccessibleDescription(
      'Type shop-web-1 exactly; you typed “shop-web”.',
    );
    await user.type(name, '-1');
    expect(stop).toBeEnabled();
    expect(stop).toHaveAccessibleDescription('');
    await user.click(stop);
    expect(onConfirm).toHaveBeenCalledWith(undefined);
  });

  it('asks for no name to restart a container (it comes back by itself), only a reason', async () => {
    const { dialog } = await renderDialog('restart');
    expect(
      within(dialog).getByRole('button', { name: 'Restart' }),
    ).toBeEnabled();
    expect(
      within(dialog).queryByLabelText(/Type shop-web-1 to confirm/),
    ).toBeNull();
  });

  it('puts the focus in the first field, the name to type, when it opens', async () => {
    const { dialog } = await renderDialog('stop');
    await waitFor(() =>
      expect(
        within(dialog).getByLabelText(/Type shop-web-1 to confirm/),
      ).toHaveFocus(),
    );
  });

  it('confirms with Enter in the reason once the form is valid, and not before', async () => {
    const user = fastUser();
    const { onConfirm, dialog } = await renderDialog('stop');
    const reason = within(dialog).getByLabelText(/Reason/);
    await user.type(reason, 'maintenance{Enter}');
    expect(onConfirm).not.toHaveBeenCalled();

    await user.type(
      within(dialog).getByLabelText(/Type shop-web-1 to confirm/),
      'shop-web-1',
    );
    await user.type(reason, '{Enter}');
    expect(onConfirm).toHaveBeenCalledWith('maintenance');
  });

  it('focuses the reason of an action that asks for no name, and Enter confirms it', async () => {
    const user = fastUser();
    const { onConfirm, dialog } = await renderDialog('start');
    const reason = within(dialog).getByLabelText(/Reason/);
    await waitFor(() => expect(reason).toHaveFocus());
    await user.keyboard('after the fix{Enter}');
    expect(onConfirm).toHaveBeenCalledWith('after the fix');
  });

  it('says who asked the owners for it, when and why', async () => {
    const { dialog } = await renderDialog('restart', {
      component: entity,
      askedBy: {
        id: 4,
        entityRef: 'component:default/shop-web',
        actor: 'user:default/bob',
        action: 'restart',
        host: 'local',
        containerId: 'a'.repeat(64),
        containerName: 'shop-web-1',
        reason: 'checkout times out',
        outcome: 'asked',
        changed: false,
        createdAt: new Date(Date.now() - 5 * 60_000).toISOString(),
      },
    });
    expect(within(dialog).getByTestId('asked-by')).toHaveTextContent(
      'bob asked the owners for this 5 minutes ago: “checkout times out”',
    );
  });

  it('shows a clear focus ring on its buttons and fields', async () => {
    const { dialog } = await renderDialog('start', { component: entity });
    const paper = dialog.closest('form')!;
    const ring = Array.from(paper.classList).find(c =>
      c.startsWith('DockerServicesFocusRing'),
    );
    expect(ring).toBeDefined();
    const css = Array.from(document.querySelectorAll('style'))
      .map(s => s.textContent)
      .join('\n');
    expect(css).toMatch(
      new RegExp(
        `\\.${ring}[^{]*button:focus-visible[^{]*\\{[^}]*outline: 2px solid`,
      ),
    );
  });
});
