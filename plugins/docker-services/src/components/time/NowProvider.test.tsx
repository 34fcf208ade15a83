import { renderInTestApp } from '@backstage/frontend-test-utils';
import { ContainerSummary } from '@docker-services/backstage-plugin-docker-services-common';
import { act, screen } from '@testing-library/react';
import { UI_TEST_TIMEOUT_MS } from '../__testUtils__/servicesFixtures';
import { RowState } from '../RowState';
import { NOW_TICK_MS, NowProvider } from './NowProvider';

jest.setTimeout(UI_TEST_TIMEOUT_MS);

const START = new Date('2026-12-05T10:00:00Z');

const running = (name: string, secondsBefore: number): ContainerSummary => ({
  host: 'local',
  id: name.padEnd(64, '0'),
  name,
  image: 'shop:1',
  state: 'running',
  status: 'Up',
  createdAt: '2026-12-01T00:00:00Z',
  startedAt: new Date(START.getTime() - secondsBefore * 1000).toISOString(),
  ports: [],
});

describe('NowProvider', () => {
  // Only the clock and intervals are fake: the app renders with real timeouts.
  beforeEach(() =>
    jest.useFakeTimers({
      now: START,
      doNotFake: [
        'setTimeout',
        'clearTimeout',
        'setImmediate',
        'clearImmediate',
        'queueMicrotask',
        'nextTick',
        'requestAnimationFrame',
        'cancelAnimationFrame',
        'requestIdleCallback',
        'cancelIdleCallback',
        'hrtime',
        'performance',
      ],
    }),
  );
  afterEach(() => jest.useRealTimers());

  it('moves every relative time on, every row from one timer', async () => {
    const setInterval = jest.spyOn(global, 'setInterval');
    await renderInTestApp(
      <NowProvider>
        {[running('a', 10), running('b', 3600), running('c', 59)].map(c => (
          <p key={c.name} data-testid={`state-${c.name}`}>
            <RowState container={c} />
          </p>
        ))}
      </NowProvider>,
    );
    expect(await screen.findByTestId('state-a')).toHaveTextContent(
      'Running for 10 seconds',
    );
    expect(screen.getByTestId('state-c')).toHaveTextContent(
      'Running for 59 seconds',
    );

    act(() => {
      jest.advanceTimersByTime(NOW_TICK_MS);
    });
    expect(screen.getByTestId('state-a')).toHaveTextContent(
      'Running for 25 seconds',
    );
    expect(screen.getByTestId('state-c')).toHaveTextContent(
      'Running for 1 minute',
    );
    expect(screen.getByTestId('state-b')).toHaveTextContent(
      'Running for 1 hour',
    );
    expect(
      setInterval.mock.calls.filter(([, ms]) => ms === NOW_TICK_MS),
    ).toHaveLength(1);
  });
});
