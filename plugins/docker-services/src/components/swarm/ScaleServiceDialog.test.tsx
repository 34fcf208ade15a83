import { renderInTestApp } from '@backstage/frontend-test-utils';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen, waitFor, within } from '@testing-library/react';
import {
  entity,
  fastUser,
  mountedRoutes,
  UI_TEST_TIMEOUT_MS,
} from '../__testUtils__/servicesFixtures';
import { shopApi } from '../__testUtils__/swarmFixtures';
import { ScaleServiceDialog } from './ScaleServiceDialog';

jest.setTimeout(UI_TEST_TIMEOUT_MS);

describe('ScaleServiceDialog', () => {
  it("asks for the service's name before scaling a production component's service to 0", async () => {
    const user = fastUser();
    const onConfirm = jest.fn();
    await renderInTestApp(
      <ScaleServiceDialog
        service={shopApi}
        entity={{
          ...entity,
          spec: { ...entity.spec, lifecycle: 'production' },
        }}
        onConfirm={onConfirm}
        onCancel={() => {}}
      />,
      { apis: [[catalogApiRef, catalogApiMock()]], mountedRoutes },
    );
    const dialog = await screen.findByRole('dialog');
    const field = within(dialog).getByRole('spinbutton', { name: 'Replicas' });
    const scale = within(dialog).getByRole('button', { name: 'Scale' });

    await user.clear(field);
    await user.type(field, '0');
    expect(within(dialog).getByTestId('scale-consequence')).toHaveTextContent(
      'Scaling shop-api to 0 stops all its 3 tasks: it is unavailable until someone scales it up again.',
    );
    expect(scale).toBeDisabled();
    expect(scale).toHaveAccessibleDescription(
      'shop-web runs in production: scaling shop-api to 0 is enabled once you type shop-api exactly.',
    );
    await user.type(
      within(dialog).getByRole('textbox', { name: /Type shop-api to confirm/ }),
      'shop-api',
    );
    await user.click(scale);
    expect(onConfirm).toHaveBeenCalledWith(0, undefined);
  });

  it('puts the focus in the number of replicas when it opens', async () => {
    await renderInTestApp(
      <ScaleServiceDialog
        service={shopApi}
        entity={entity}
        onConfirm={() => {}}
        onCancel={() => {}}
      />,
      { apis: [[catalogApiRef, catalogApiMock()]], mountedRoutes },
    );
    const dialog = await screen.findByRole('dialog');
    await waitFor(() =>
      expect(
        within(dialog).getByRole('spinbutton', { name: 'Replicas' }),
      ).toHaveFocus(),
    );
  });
});
