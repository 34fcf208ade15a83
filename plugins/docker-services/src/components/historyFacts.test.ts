import {
  ContainerSummary,
  HistoryEntry,
} from '@docker-services/backstage-plugin-docker-services-common';
import { isWithinAskInterval, lastPortalStop, newestAsk } from './historyFacts';

const id = 'a'.repeat(64);
const minutesAgo = (n: number) =>
  new Date(Date.now() - n * 60_000).toISOString();

const stopped: ContainerSummary = {
  host: 'local',
  id,
  name: 'shop-web-1',
  image: 'shop:1',
  state: 'exited',
  status: 'Exited (143) 5 minutes ago',
  createdAt: minutesAgo(600),
  startedAt: minutesAgo(60),
  finishedAt: minutesAgo(5),
  exitCode: 143,
  ports: [],
};

let nextId = 100;
const row = (overrides: Partial<HistoryEntry>): HistoryEntry => ({
  id: nextId--,
  entityRef: 'component:default/shop-web',
  actor: 'user:default/alice',
  action: 'stop',
  host: 'local',
  containerId: id,
  containerName: 'shop-web-1',
  outcome: 'succeeded',
  changed: true,
  createdAt: minutesAgo(5),
  // Docker's FinishedAt of the run the stop ended, to the nanosecond.
  dockerFinishedAt: stopped.finishedAt!.replace('Z', '123456Z'),
  ...overrides,
});

describe('lastPortalStop', () => {
  it("is the newest row of the container when it is the portal's stop that changed something", () => {
    const stop = row({ reason: 'maintenance' });
    expect(
      lastPortalStop(stopped, [
        // Newest first: others' rows and asks do not count.
        row({ containerId: 'b'.repeat(64), action: 'start' }),
        row({ host: 'other', action: 'start' }),
        row({ action: 'start', outcome: 'asked', changed: false }),
        stop,
        row({ action: 'start', createdAt: minutesAgo(60) }),
      ]),
    ).toBe(stop);
  });

  it('is nothing when a start or restart came after the stop, or the stop changed nothing or did not succeed', () => {
    expect(
      lastPortalStop(stopped, [row({ action: 'start' }), row({})]),
    ).toBeUndefined();
    expect(
      lastPortalStop(stopped, [
        row({ action: 'restart', outcome: 'failed' }),
        row({}),
      ]),
    ).toBeUndefined();
    expect(lastPortalStop(stopped, [row({ changed: false })])).toBeUndefined();
    expect(
      lastPortalStop(stopped, [row({ outcome: 'unknown' })]),
    ).toBeUndefined();
    expect(
      lastPortalStop(stopped, [row({ outcome: 'requested' })]),
    ).toBeUndefined();
    expect(
      lastPortalStop(stopped, [row({ target: 'service' })]),
    ).toBeUndefined();
  });

  it('is nothing while it runs, or when the run Docker shows ended is not the one the stop ended', () => {
    expect(
      lastPortalStop({ ...stopped, state: 'running' }, [row({})]),
    ).toBeUndefined();
    // Started outside the portal after the stop, and ended again.
    expect(
      lastPortalStop(
        { ...stopped, startedAt: minutesAgo(2), finishedAt: minutesAgo(1) },
        [row({})],
      ),
    ).toBeUndefined();
    // A row without Docker's own time of the end names nothing.
    expect(
      lastPortalStop(stopped, [row({ dockerFinishedAt: undefined })]),
    ).toBeUndefined();
    expect(lastPortalStop(stopped, undefined)).toBeUndefined();
  });

  it("matches by Docker's time, whatever the backend's clock said", () => {
    // The backend's clock 30 minutes ahead of the engine's.
    const stop = row({ createdAt: minutesAgo(-30) });
    expect(lastPortalStop(stopped, [stop])).toBe(stop);
  });
});

describe('newestAsk', () => {
  it('finds the newest request to the owners about a container, for an action or by a person', () => {
    const bobs = row({
      actor: 'user:default/bob',
      action: 'restart',
      outcome: 'asked',
    });
    const carols = row({
      actor: 'user:default/carol',
      action: 'start',
      outcome: 'asked',
    });
    const history = [row({ action: 'start' }), bobs, carols];
    const container = { host: 'local', id };
    expect(newestAsk(history, { container })).toBe(bobs);
    expect(newestAsk(history, { container, action: 'start' })).toBe(carols);
    expect(newestAsk(history, { container, actor: 'user:default/carol' })).toBe(
      carols,
    );
    expect(
      newestAsk(history, { container: { host: 'local', id: 'b'.repeat(64) } }),
    ).toBeUndefined();
  });

  it('counts an ask as recent until the time the backend gave it, not a fixed ten minutes', () => {
    const now = new Date();
    const inMinutes = (n: number) =>
      new Date(now.getTime() + n * 60_000).toISOString();
    // A backend that makes one wait 20 minutes: asked 15 minutes ago.
    expect(
      isWithinAskInterval(
        row({ createdAt: minutesAgo(15), askAgainAt: inMinutes(5) }),
        now,
      ),
    ).toBe(true);
    // One that makes one wait 2 minutes: asked 3 minutes ago.
    expect(
      isWithinAskInterval(
        row({ createdAt: minutesAgo(3), askAgainAt: inMinutes(-1) }),
        now,
      ),
    ).toBe(false);
    // An older backend that does not say: no guess, its refusal says when.
    expect(isWithinAskInterval(row({ createdAt: minutesAgo(1) }), now)).toBe(
      false,
    );
  });
});
