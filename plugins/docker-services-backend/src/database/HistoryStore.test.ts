import { Knex } from 'knex';
import { migratedDatabase } from '../__testUtils__/migratedDatabase';
import { engineMs, HistoryStore } from './HistoryStore';

/**
 * Which Docker event a history row explains, on a real (in-memory SQLite)
 * database, migrated. Engine times are Docker's own strings; the backend's
 * clock is a fake one here, set minutes away from the engine's to stand
 * for a backend and an engine whose clocks disagree.
 */
describe('HistoryStore: the record matched by identity', () => {
  const where = { host: 'local', containerId: 'c'.repeat(64) };
  const entry = {
    entityRef: 'component:default/shop',
    host: where.host,
    containerId: where.containerId,
    containerName: 'shop-web-1',
  };
  // The engine's clock.
  const RUN_1 = '2026-12-01T10:00:00.123456789Z';
  const RUN_1_END = '2026-12-01T10:05:00.5Z';
  const RUN_2 = '2026-12-01T10:05:01.25Z';
  const RUN_2_END = '2026-12-01T10:09:00Z';
  let db: Knex;
  let backendNow: Date;

  const store = () => HistoryStore.create(db, { now: () => backendNow });

  beforeEach(async () => {
    db = await migratedDatabase();
  });
  afterEach(() => db.destroy());

  /** A portal action on run 1, as performAction notes it. */
  async function portal(
    history: HistoryStore,
    action: 'start' | 'stop' | 'restart',
    after?: { running: boolean; startedAt: string; finishedAt: string },
  ) {
    const id = await history.begin({
      ...entry,
      actor: 'user:default/alice',
      action,
    });
    await history.noteEngine(id, {
      before:
        action === 'start'
          ? { running: false, startedAt: RUN_1 }
          : { running: true, startedAt: RUN_1 },
    });
    if (after) {
      await history.noteEngine(id, { after });
      await history.complete(id, { outcome: 'succeeded', changed: true });
    }
    return id;
  }

  it.each([
    ['ten minutes ahead', 10 * 60_000],
    ['ten minutes behind', -10 * 60_000],
    ['in step', 0],
  ])(
    'names the stop that ended a run whatever the clocks, with the backend %s',
    async (_, skewMs) => {
      backendNow = new Date(Date.parse(RUN_1_END) + skewMs);
      const history = store();
      const id = await portal(history, 'stop', {
        running: false,
        startedAt: RUN_1,
        finishedAt: RUN_1_END,
      });
      // By the run's own start (the job runs, "Why did it stop?")…
      expect(
        (
          await history.stopAt({
            ...where,
            endedAt: new Date(RUN_1_END),
            runStartedAt: RUN_1,
          })
        )?.id,
      ).toBe(id);
      // …and by the die event's time alone (the notifier).
      expect(
        (
          await history.stopAt({
            ...where,
            endedAt: new Date(Date.parse(RUN_1_END) + 40),
          })
        )?.id,
      ).toBe(id);
      // The history tells the page which end the stop caused, in Docker's time.
      const { items } = await history.list({
        entityRef: entry.entityRef,
        limit: 1,
      });
      expect(items[0]).toMatchObject({ id, dockerFinishedAt: RUN_1_END });
      // A later run's end is not the stop's, however close the clocks say.
      expect(
        await history.stopAt({
          ...where,
          endedAt: new Date(RUN_2_END),
          runStartedAt: RUN_2,
        }),
      ).toBeUndefined();
      expect(
        await history.stopAt({ ...where, endedAt: new Date(RUN_2_END) }),
      ).toBeUndefined();
    },
  );

  it.each([10 * 60_000, -10 * 60_000])(
    'names the start that began a run, once Docker answered and while it is in flight (skew %d ms)',
    async skewMs => {
      backendNow = new Date(Date.parse(RUN_2) + skewMs);
      const history = store();
      // In flight: Docker has not answered; the row knows run 1 came before.
      const id = await portal(history, 'start');
      expect(
        (await history.startAt({ ...where, runStartedAt: RUN_2 }))?.id,
      ).toBe(id);
      expect(
        await history.startAt({ ...where, runStartedAt: RUN_1 }),
      ).toBeUndefined();
      // Answered: exactly the run Docker reported after the call.
      await history.noteEngine(id, {
        after: { running: true, startedAt: RUN_2, finishedAt: RUN_1_END },
      });
      await history.complete(id, { outcome: 'succeeded', changed: true });
      expect(
        (await history.startAt({ ...where, runStartedAt: RUN_2 }))?.id,
      ).toBe(id);
      const later = '2026-12-01T10:20:00Z';
      expect(
        await history.startAt({ ...where, runStartedAt: later }),
      ).toBeUndefined();
    },
  );

  it('names the start of a job that had already exited when Docker was read after it', async () => {
    backendNow = new Date(RUN_2);
    const history = store();
    const id = await portal(history, 'start', {
      running: false,
      startedAt: RUN_2,
      finishedAt: RUN_2_END,
    });
    expect((await history.startAt({ ...where, runStartedAt: RUN_2 }))?.id).toBe(
      id,
    );
  });

  it('never takes an ask for an action: no stop, no start, however timed', async () => {
    backendNow = new Date(RUN_1_END);
    const history = store();
    for (const action of ['start', 'restart'] as const) {
      await history.asked({
        ...entry,
        actor: 'user:default/bob',
        action,
        reason: 'it looks stuck',
      });
    }
    expect(
      await history.stopAt({
        ...where,
        endedAt: new Date(RUN_1_END),
        runStartedAt: RUN_1,
      }),
    ).toBeUndefined();
    expect(
      await history.stopAt({ ...where, endedAt: new Date(RUN_1_END) }),
    ).toBeUndefined();
    expect(
      await history.startAt({ ...where, runStartedAt: RUN_2 }),
    ).toBeUndefined();
    // The ask is in the history, as what it is.
    const { items } = await history.list({
      entityRef: entry.entityRef,
      limit: 10,
    });
    expect(items.map(i => i.outcome)).toEqual(['asked', 'asked']);
  });

  it('an action that found nothing to change, or failed, explains nothing', async () => {
    backendNow = new Date(RUN_1_END);
    const history = store();
    const unchanged = await history.begin({
      ...entry,
      actor: 'user:default/alice',
      action: 'stop',
    });
    await history.noteEngine(unchanged, {
      before: { running: true, startedAt: RUN_1 },
    });
    await history.complete(unchanged, { outcome: 'succeeded', changed: false });
    const failed = await history.begin({
      ...entry,
      actor: 'user:default/alice',
      action: 'restart',
    });
    await history.noteEngine(failed, {
      before: { running: true, startedAt: RUN_1 },
    });
    await history.complete(failed, {
      outcome: 'failed',
      changed: false,
      error: 'no',
    });
    expect(
      await history.stopAt({
        ...where,
        endedAt: new Date(RUN_1_END),
        runStartedAt: RUN_1,
      }),
    ).toBeUndefined();
  });

  it('a row left in flight (a backend that died mid-call) stops explaining after its time', async () => {
    backendNow = new Date('2026-12-01T09:00:00Z');
    const history = HistoryStore.create(db, {
      now: () => backendNow,
      inFlightMs: 60_000,
    });
    await portal(history, 'start');
    expect(
      await history.startAt({ ...where, runStartedAt: RUN_2 }),
    ).toBeDefined();
    backendNow = new Date('2026-12-01T09:02:00Z');
    expect(
      await history.startAt({ ...where, runStartedAt: RUN_2 }),
    ).toBeUndefined();
  });

  it('reads Docker times to the millisecond, and "never" as none', () => {
    expect(engineMs('2026-12-01T10:00:00.123456789Z')).toBe(
      Date.parse('2026-12-01T10:00:00.123Z'),
    );
    expect(engineMs('2026-12-01T10:00:00Z')).toBe(
      Date.parse('2026-12-01T10:00:00Z'),
    );
    expect(engineMs('0001-01-01T00:00:00Z')).toBeUndefined();
    expect(engineMs(null)).toBeUndefined();
  });
});

describe('HistoryStore: how the person asked', () => {
  let db: Knex;
  beforeEach(async () => {
    db = await migratedDatabase();
  });
  afterEach(() => db.destroy());

  it("keeps 'assistant' beside the person, and says nothing for the portal's own pages", async () => {
    const history = HistoryStore.create(db);
    const row = {
      entityRef: 'component:default/shop',
      actor: 'user:default/alice',
      action: 'restart' as const,
      host: 'local',
      containerId: 'c'.repeat(64),
      containerName: 'shop-web-1',
      reason: 'stuck',
    };
    await history.begin(row);
    await history.begin({ ...row, channel: 'assistant' });

    const { items } = await history.list({
      entityRef: row.entityRef,
      limit: 10,
    });
    expect(items[0]).toMatchObject({
      actor: 'user:default/alice',
      reason: 'stuck',
      channel: 'assistant',
    });
    expect(items[1]).not.toHaveProperty('channel');
  });
});
