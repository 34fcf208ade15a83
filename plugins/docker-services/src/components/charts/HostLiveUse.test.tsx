import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, waitFor } from '@testing-library/react';
import { sample, stubResizeObserver } from '../__testUtils__/liveStatsFixtures';
import {
  ContainerTarget,
  DockerServicesApi,
  dockerServicesApiRef,
} from '../../api/DockerServicesApi';
import {
  containerWith,
  entity,
  fastUser,
  mountedRoutes,
  UI_TEST_TIMEOUT_MS,
} from '../__testUtils__/servicesFixtures';
import { HostLiveUse } from './HostLiveUse';

jest.setTimeout(UI_TEST_TIMEOUT_MS);

beforeAll(stubResizeObserver);

const web1 = containerWith({
  id: '1'.repeat(64),
  name: 'web-1',
  state: 'running',
});
const web2 = containerWith({
  id: '2'.repeat(64),
  name: 'web-2',
  state: 'running',
});
const web3 = containerWith({
  id: '3'.repeat(64),
  name: 'web-3',
  state: 'exited',
});
const CPU: Record<string, number> = { [web1.id]: 80, [web2.id]: 5 };

/** A stream per call: its history, then open until the page closes it. */
function fakeStreams() {
  const signals = new Map<string, AbortSignal>();
  const streamLiveStats = jest.fn(async function* stream(
    target: ContainerTarget,
    signal: AbortSignal,
  ) {
    signals.set(target.id, signal);
    await new Promise(resolve => setTimeout(resolve, 50));
    yield {
      event: 'history' as const,
      samples: [sample(0, 1), sample(2, CPU[target.id])],
      intervalSeconds: 2,
      windowSeconds: 900,
    };
    await new Promise(resolve =>
      signal.addEventListener('abort', resolve, { once: true }),
    );
  });
  return { streamLiveStats, signals };
}

async function renderHost() {
  const fake = fakeStreams();
  await renderInTestApp(
    <HostLiveUse
      entity={entity}
      host="local"
      containers={[web1, web2, web3]}
    />,
    {
      apis: [
        [
          dockerServicesApiRef,
          {
            streamLiveStats: fake.streamLiveStats,
          } as unknown as DockerServicesApi,
        ],
      ],
      mountedRoutes,
    },
  );
  return fake;
}

describe('HostLiveUse', () => {
  it('opens no stream until asked', async () => {
    const { streamLiveStats } = await renderHost();
    expect(
      await screen.findByRole('button', { name: 'Show live use on local' }),
    ).toHaveAttribute('aria-pressed', 'false');
    expect(screen.queryByTestId('live-use-local')).not.toBeInTheDocument();
    expect(streamLiveStats).not.toHaveBeenCalled();
  });

  it('follows each running container, names each, and closes them when hidden', async () => {
    const { streamLiveStats, signals } = await renderHost();
    const user = fastUser();
    await user.click(
      await screen.findByRole('button', { name: 'Show live use on local' }),
    );

    await waitFor(() =>
      expect(
        screen.getAllByTestId('live-use-cpu-summary').map(e => e.textContent),
      ).toEqual([
        'web-1: now 80.0 % of one core; lowest 1.0 %, highest 80.0 % over the last 2 seconds.',
        'web-2: now 5.0 % of one core; lowest 1.0 %, highest 5.0 % over the last 2 seconds.',
      ]),
    );
    expect(
      screen.getAllByTestId('live-use-memory-summary')[1],
    ).toHaveTextContent('web-2: now 10.0 MiB of 1.0 GiB allowed');
    expect(screen.getByTestId('live-use-stopped')).toHaveTextContent(
      'web-3: not running: no live use.',
    );
    expect(
      screen.getByRole('img', {
        name: 'CPU (% of one core) chart, one line per container',
      }),
    ).toBeInTheDocument();
    expect(streamLiveStats.mock.calls.map(([target]) => target.id)).toEqual([
      web1.id,
      web2.id,
    ]);
    expect(streamLiveStats.mock.calls[0][0]).toMatchObject({
      entityRef: { kind: 'Component', namespace: 'default', name: 'shop-web' },
      host: 'local',
    });
    expect([...signals.values()].some(s => s.aborted)).toBe(false);

    await user.click(
      screen.getByRole('button', { name: 'Hide live use on local' }),
    );
    expect(screen.queryByTestId('live-use-local')).not.toBeInTheDocument();
    expect([...signals.values()].map(s => s.aborted)).toEqual([true, true]);
    expect(streamLiveStats).toHaveBeenCalledTimes(2);
  });
});
