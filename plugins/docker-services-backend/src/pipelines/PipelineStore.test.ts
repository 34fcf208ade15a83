import { migratedDatabase } from '../__testUtils__/migratedDatabase';
import { JobRunStore } from '../jobs/JobRunStore';
import { PipelineStore } from './PipelineStore';

// The pipeline runs table on a real (in-memory SQLite) database, migrated.
async function stores() {
  const db = await migratedDatabase();
  return { db, runs: new JobRunStore(db), pipelines: new PipelineStore(db) };
}

const key = {
  entityRef: 'component:default/data',
  host: 'local',
  pipeline: 'import',
};

describe('PipelineStore', () => {
  it('begins one pipeline run per first run, one at a time, and claims each step once', async () => {
    const { runs, pipelines } = await stores();
    const start = (startedAt: string) =>
      runs.recordStart({
        entityRef: key.entityRef,
        host: 'local',
        containerId: 'i'.repeat(64),
        containerName: 'import',
        startedAt,
        trigger: 'outside',
        attempt: 1,
      });
    const first = await start('2026-12-06T02:00:00Z');
    const id = await pipelines.begin({ ...key, first, step: 'import' });
    // A second replica writing the same begin finds the same run.
    expect(await pipelines.begin({ ...key, first, step: 'import' })).toBe(id);
    // Another start while it is going begins none.
    const second = await start('2026-12-06T02:00:30Z');
    expect(
      await pipelines.begin({ ...key, first: second, step: 'import' }),
    ).toBeUndefined();
    expect(await pipelines.going(key)).toBe(id);

    const claims = await Promise.all([
      pipelines.claimStep(id!, 'clean', 0),
      pipelines.claimStep(id!, 'clean', 0),
      pipelines.claimStep(id!, 'clean', 0),
    ]);
    expect(claims.filter(Boolean)).toHaveLength(1);

    await pipelines.finish(id!, {
      status: 'failed',
      failedStep: 'clean',
      finishedAt: '2026-12-06T02:01:00.000Z',
    });
    // Run again: a new generation, once.
    const again = await Promise.all([
      pipelines.runAgain(id!, { step: 'clean', actor: 'user:default/alice' }),
      pipelines.runAgain(id!, { step: 'clean', actor: 'user:default/bob' }),
    ]);
    expect(again.filter(g => g !== undefined)).toEqual([1]);
    expect(await pipelines.claimStep(id!, 'clean', 1)).toBe(true);
    const stored = await pipelines.get({ ...key, id: id! });
    expect(stored).toMatchObject({ status: 'running', generation: 1 });
    expect(stored!.claims.map(c => [c.step, c.generation])).toEqual(
      [
        ['clean', 0],
        ['import', 0],
        ['clean', 1],
      ].sort((a, b) => Number(a[1]) - Number(b[1])),
    );
    expect(stored!.jobRuns.map(r => r.id)).toEqual([first.id]);
  });

  it('prunes ended runs older than the limit, keeping the newest of each pipeline', async () => {
    const { runs, pipelines } = await stores();
    const ids: number[] = [];
    for (const minute of ['00', '10', '20']) {
      const first = await runs.recordStart({
        entityRef: key.entityRef,
        host: 'local',
        containerId: 'i'.repeat(64),
        containerName: 'import',
        startedAt: `2026-12-06T02:${minute}:00Z`,
        trigger: 'outside',
        attempt: 1,
      });
      const id = (await pipelines.begin({ ...key, first, step: 'import' }))!;
      await pipelines.finish(id, {
        status: 'succeeded',
        finishedAt: `2026-12-06T02:${minute}:30.000Z`,
      });
      ids.push(id);
    }
    expect(await pipelines.prune(new Date('2026-12-06T02:05:00Z'))).toBe(1);
    expect((await pipelines.recent(key, 10)).map(r => r.id)).toEqual([
      ids[2],
      ids[1],
    ]);
    // The newest stays whatever its age.
    expect(await pipelines.prune(new Date('2027-01-01T00:00:00Z'))).toBe(1);
    expect((await pipelines.recent(key, 10)).map(r => r.id)).toEqual([ids[2]]);
  });
});
