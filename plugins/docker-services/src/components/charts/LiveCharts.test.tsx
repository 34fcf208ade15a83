import { renderInTestApp } from '@backstage/frontend-test-utils';
import { LiveStatsEvent } from '@docker-services/backstage-plugin-docker-services-common';
import { screen, waitFor } from '@testing-library/react';
import { sample, stubResizeObserver } from '../__testUtils__/liveStatsFixtures';
import {
  DockerServicesApi,
  dockerServicesApiRef,
} from '../../api/DockerServicesApi';
import {
  mountedRoutes,
  UI_TEST_TIMEOUT_MS,
} from '../__testUtils__/servicesFixtures';
import { LiveCharts } from './LiveCharts';

jest.setTimeout(UI_TEST_TIMEOUT_MS);

beforeAll(stubResizeObserver);

const target = {
  entityRef: { kind: 'Component', namespace: 'default', name: 'shop-web' },
  host: 'local',
  id: 'a'.repeat(64),
};

async function renderCharts(events: LiveStatsEvent[], running = true) {
  const streamLiveStats = jest.fn(async function* stream() {
    // Answers come over the network, after the page has rendered.
    await new Promise(resolve => setTimeout(resolve, 100));
    yield* events;
  });
  await renderInTestApp(<LiveCharts target={target} running={running} />, {
    apis: [
      [
        dockerServicesApiRef,
        { streamLiveStats } as unknown as DockerServicesApi,
      ],
    ],
    mountedRoutes,
  });
  return streamLiveStats;
}

describe('LiveCharts', () => {
  it('shows the history and each new sample, in words beside each chart', async () => {
    await renderCharts([
      {
        event: 'history',
        samples: [sample(0, 1), sample(2, 3)],
        intervalSeconds: 2,
        windowSeconds: 900,
      },
      { event: 'sample', sample: sample(4, 95) },
      { event: 'end', message: 'busy-1 stopped, so its charts stop here.' },
    ]);
    await waitFor(() =>
      expect(screen.getByTestId('cpu-summary')).toHaveTextContent(
        'CPU: now 95.0 % of one core; lowest 1.0 %, highest 95.0 % over the last 4 seconds.',
      ),
    );
    expect(screen.getByTestId('memory-summary')).toHaveTextContent(
      'Memory: now 10.0 MiB of 1.0 GiB allowed',
    );
    expect(screen.getByTestId('container-stats')).toHaveTextContent(
      'Using 95.0 % CPU and 10.0 MiB of memory (limit 1.0 GiB)',
    );
    expect(screen.getByRole('status')).toHaveTextContent(
      'busy-1 stopped, so its charts stop here.',
    );
    expect(screen.getByRole('img', { name: 'CPU chart' })).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { name: 'Use over the last 15 minutes' }),
    ).toBeInTheDocument();
  });

  it('asks for nothing when the container is not running', async () => {
    const stream = await renderCharts([], false);
    expect(await screen.findByTestId('container-stats')).toHaveTextContent(
      'Not running, so it uses no CPU or memory.',
    );
    expect(screen.queryByTestId('live-charts')).not.toBeInTheDocument();
    expect(stream).not.toHaveBeenCalled();
  });
});
