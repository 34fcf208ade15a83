import { renderInTestApp } from '@backstage/frontend-test-utils';
import { HistoryEntry } from '@docker-services/backstage-plugin-docker-services-common';
import { screen } from '@testing-library/react';
import { dockerServicesApiRef } from '../api/DockerServicesApi';
import { HistoryPanel } from './HistoryPanel';
import {
  entity,
  fakeApi,
  mountedRoutes,
  response,
  UI_TEST_TIMEOUT_MS,
} from './__testUtils__/servicesFixtures';

const entry = (overrides: Partial<HistoryEntry>): HistoryEntry => ({
  id: 1,
  entityRef: 'component:default/shop-web',
  actor: 'user:default/alice',
  action: 'restart',
  host: 'local',
  containerId: 'a'.repeat(64),
  containerName: 'shop-web-1',
  outcome: 'succeeded',
  changed: true,
  createdAt: new Date().toISOString(),
  ...overrides,
});

// Every test renders the page and waits for it; a cold jest cache on a busy
// two-core machine needs far more than jest's default 5 s for that.
jest.setTimeout(UI_TEST_TIMEOUT_MS);

describe('HistoryPanel', () => {
  it('says in words how each action ended, and which one is still running', async () => {
    const api = fakeApi(Promise.resolve(response));
    api.getHistory.mockResolvedValue({
      items: [
        entry({ id: 3, action: 'stop', outcome: 'requested' }),
        entry({
          id: 2,
          action: 'start',
          outcome: 'failed',
          error: 'No such container.',
        }),
        entry({ id: 1, outcome: 'succeeded' }),
      ],
    });
    await renderInTestApp(<HistoryPanel entity={entity} version={0} />, {
      apis: [[dockerServicesApiRef, api]],
      mountedRoutes,
    });

    expect(
      await screen.findByText('Requested, in progress'),
    ).toBeInTheDocument();
    expect(screen.getByText('Failed: No such container.')).toBeInTheDocument();
    expect(screen.getByText('Done')).toBeInTheDocument();
  });
});
