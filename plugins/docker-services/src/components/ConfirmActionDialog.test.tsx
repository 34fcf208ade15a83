import { renderInTestApp } from '@backstage/frontend-test-utils';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { ContainerAction } from '@docker-services/backstage-plugin-docker-services-common';
import { screen, within } from '@testing-library/react';
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

async function renderDialog(action: ContainerAction) {
  const onConfirm = jest.fn();
  await renderInTestApp(
    <ConfirmActionDialog
      action={action}
      containerName="shop-web-1"
      entity={production}
      onConfirm={onConfirm}
      onCancel={() => {}}
    />,
    { apis: [[catalogApiRef, catalogApiMock()]], mountedRoutes },
  );
  return { onConfirm, dialog: await screen.findByRole('dialog') };
}

describe('ConfirmActionDialog', () => {
  it('lists what depends on the component and asks for its name before stopping it in production', async () => {
    const user = fastUser();
    const { onConfirm, dialog } = await renderDialog('stop');
    const dependents = await within(dialog).findByRole('list', {
      name: '1 catalog entity depends on shop-web and may be affected:',
    });
    expect(within(dependents).getByRole('link')).toHaveTextContent('checkout');

    const stop = within(dialog).getByRole('button', { name: 'Stop' });
    expect(stop).toBeDisabled();
    expect(stop).toHaveAccessibleDescription(
      'shop-web runs in production: stopping it is enabled once you type its name exactly.',
    );
    const name = within(dialog).getByLabelText(/Type shop-web to confirm/);
    await user.type(name, 'shop-we');
    expect(stop).toBeDisabled();
    await user.type(name, 'b');
    expect(stop).toBeEnabled();
    await user.click(stop);
    expect(onConfirm).toHaveBeenCalledWith(undefined);
  });

  it('asks for no name to restart a production component', async () => {
    const { dialog } = await renderDialog('restart');
    expect(
      within(dialog).getByRole('button', { name: 'Restart' }),
    ).toBeEnabled();
    expect(
      within(dialog).queryByLabelText(/Type shop-web to confirm/),
    ).not.toBeInTheDocument();
  });
});
