import { renderInTestApp } from '@backstage/frontend-test-utils';
import { act, screen, within } from '@testing-library/react';
import { ContainerTable } from './ContainerTable';
import {
  containerWith,
  mountedRoutes,
  UI_TEST_TIMEOUT_MS,
} from './__testUtils__/servicesFixtures';

jest.setTimeout(UI_TEST_TIMEOUT_MS);

const longImage =
  'registry.example.com/team-shop/demo-shop-web-frontend-with-a-long-name:2026.12.05-abcdef1234567890';

describe('ContainerTable', () => {
  it('keeps names, ids, hosts and column heads on one line, and cuts a long image name, shown whole on hover and focus', async () => {
    await renderInTestApp(
      <ContainerTable
        title="Host local"
        containers={[containerWith({ image: longImage })]}
        renderState={() => <span>Running</span>}
        renderActions={() => <span />}
        onOpenDetails={() => {}}
      />,
      { mountedRoutes },
    );
    const row = (await screen.findByText('shop-web-1')).closest('tr')!;
    expect(within(row).getByText('shop-web-1')).toHaveStyle({
      whiteSpace: 'nowrap',
    });
    expect(within(row).getByText('aaaaaaaaaaaa')).toHaveStyle({
      whiteSpace: 'nowrap',
    });
    expect(within(row).getByRole('cell', { name: 'local' })).toHaveStyle({
      whiteSpace: 'nowrap',
    });
    for (const head of ['Container', 'State', 'Image', 'Host', 'Ports']) {
      expect(
        screen.getByRole('columnheader', { name: new RegExp(`^${head}`) }),
      ).toHaveStyle({ whiteSpace: 'nowrap' });
    }

    const image = within(row).getByText(longImage);
    expect(image).toHaveStyle({
      whiteSpace: 'nowrap',
      overflow: 'hidden',
      textOverflow: 'ellipsis',
    });
    // Reachable by keyboard, and then shown whole.
    expect(image).toHaveAttribute('tabindex', '0');
    act(() => image.focus());
    expect(
      await screen.findByRole('tooltip', { name: longImage }),
    ).toBeInTheDocument();
  });
});
