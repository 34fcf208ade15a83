import { renderInTestApp } from '@backstage/frontend-test-utils';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen, within } from '@testing-library/react';
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
  it("asks for a production component's name before scaling its service to 0", async () => {
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
      'shop-web runs in production: stopping it is enabled once you type its name exactly.',
    );
    await user.type(
      within(dialog).getByRole('textbox', { name: /Type shop-web to confirm/ }),
      'shop-web',
    );
    await user.click(scale);
    expect(onConfirm).toHaveBeenCalledWith(0, undefined);
  });
});
