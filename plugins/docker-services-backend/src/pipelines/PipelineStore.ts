import { JobRun } from '@docker-services/backstage-plugin-docker-services-common';
import { randomBytes } from 'node:crypto';
import { Knex } from 'knex';
import { JOB_RUNS_TABLE, RunRow } from '../jobs/jobRunRow';
import { toRun } from '../jobs/toJobRun';
import {
  PipelineKey,
  PipelineRunRow,
  StepRow,
  StoredPipelineRun,
  toStoredPipelineRun,
} from './storedPipelineRun';

export type { PipelineKey, StoredPipelineRun } from './storedPipelineRun';

const RUNS = 'docker_services_pipeline_runs';
const STEPS = 'docker_services_pipeline_steps';

/**
 * Pipeline runs in the plugin's database. The first step's start claims a
 * run (one row per first job run, whichever replica writes it); each later
 * step's start is claimed by a row before Docker is asked.
 */
export class PipelineStore {
  readonly #db: Knex;

  constructor(db: Knex) {
    this.#db = db;
  }

  /**
   * A pipeline run begun by `first` (a job run of a first step), unless
   * another run of the pipeline is going: then none (one at a time).
   * Returns the run either way it exists (written here or by a replica).
   */
  async begin(
    key: PipelineKey & { first: JobRun; step: string },
  ): Promise<number | undefined> {
    const going = await this.#db<PipelineRunRow>(RUNS)
      .where(keyWhere(key))
      .where('status', 'running')
      .whereNot('first_run_id', key.first.id)
      .first();
    if (going) return undefined;
    await this.#db<PipelineRunRow>(RUNS)
      .insert({
        entity_ref: key.entityRef,
        host: key.host,
        pipeline: key.pipeline,
        status: 'running',
        first_run_id: key.first.id,
        started_at: key.first.startedAt,
        generation: 0,
      })
      .onConflict(['first_run_id'])
      .ignore();
    const row = await this.#db<PipelineRunRow>(RUNS)
      .where({ first_run_id: key.first.id })
      .first();
    if (!row) return undefined;
    const id = Number(row.id);
    await this.#db<StepRow>(STEPS)
      .insert({
        pipeline_run_id: id,
        step: key.step,
        generation: 0,
        job_run_id: key.first.id,
        claimed_at: new Date().toISOString(),
      })
      .onConflict(['pipeline_run_id', 'step', 'generation'])
      .ignore();
    await this.linkJobRun(key.first.id, id);
    return id;
  }

  /** The run of the pipeline that is going, if any. */
  async going(key: PipelineKey): Promise<number | undefined> {
    const row = await this.#db<PipelineRunRow>(RUNS)
      .where(keyWhere(key))
      .where('status', 'running')
      .first();
    return row ? Number(row.id) : undefined;
  }

  /** Every pipeline run that is going, on any host. */
  async allGoing(): Promise<StoredPipelineRun[]> {
    const rows = await this.#db<PipelineRunRow>(RUNS)
      .where('status', 'running')
      .orderBy('id')
      .limit(100);
    return this.#withSteps(rows);
  }

  async get(key: PipelineKey & { id: number }) {
    const row = await this.#db<PipelineRunRow>(RUNS)
      .where({ ...keyWhere(key), id: key.id })
      .first();
    return row ? (await this.#withSteps([row]))[0] : undefined;
  }

  /**
   * Removes the pipeline runs that ended before `before` (as the runs of
   * their steps are), keeping the newest of each pipeline; returns how many.
   */
  async prune(before: Date): Promise<number> {
    const newest = this.#db<PipelineRunRow>(RUNS)
      .max('id')
      .groupBy(['entity_ref', 'host', 'pipeline']);
    const old = await this.#db<PipelineRunRow>(RUNS)
      .whereNot('status', 'running')
      .where('finished_at', '<', before.toISOString())
      .whereNotIn('id', newest)
      .select('id');
    const ids = old.map(row => Number(row.id));
    if (!ids.length) return 0;
    await this.#db<StepRow>(STEPS).whereIn('pipeline_run_id', ids).delete();
    return this.#db<PipelineRunRow>(RUNS).whereIn('id', ids).delete();
  }

  /** A run by its id alone (for whom to tell it changed). */
  async byId(id: number): Promise<PipelineKey | undefined> {
    const row = await this.#db<PipelineRunRow>(RUNS).where({ id }).first();
    return row
      ? { entityRef: row.entity_ref, host: row.host, pipeline: row.pipeline }
      : undefined;
  }

  /** The pipeline's last runs, newest first. */
  async recent(key: PipelineKey, limit: number) {
    const rows = await this.#db<PipelineRunRow>(RUNS)
      .where(keyWhere(key))
      .orderBy('id', 'desc')
      .limit(limit);
    return this.#withSteps(rows);
  }

  /**
   * Claims the start of `step` in this generation of the run: true for
   * exactly one caller, however many replicas try (the row's claim token is
   * the one its first writer chose).
   */
  async claimStep(id: number, step: string, generation: number) {
    const token = `${new Date().toISOString()} ${randomBytes(6).toString(
      'hex',
    )}`;
    await this.#db<StepRow>(STEPS)
      .insert({
        pipeline_run_id: id,
        step,
        generation,
        job_run_id: null,
        claimed_at: token,
      })
      .onConflict(['pipeline_run_id', 'step', 'generation'])
      .ignore();
    const row = await this.#db<StepRow>(STEPS)
      .where({ pipeline_run_id: id, step, generation })
      .first();
    return row?.claimed_at === token;
  }

  /** The job run a claimed step started. */
  async linkStep(id: number, step: string, generation: number, run: JobRun) {
    await this.#db<StepRow>(STEPS)
      .where({ pipeline_run_id: id, step, generation })
      .update({ job_run_id: run.id });
    await this.linkJobRun(run.id, id);
  }

  /** Marks a job run as a step of the pipeline run. */
  async linkJobRun(jobRunId: number, id: number) {
    await this.#db<RunRow>(JOB_RUNS_TABLE)
      .where({ id: jobRunId })
      .whereNull('pipeline_run_id')
      .update({ pipeline_run_id: id });
  }

  /** Ends a going run, once. */
  async finish(
    id: number,
    end: {
      status: 'succeeded' | 'failed';
      finishedAt: string;
      failedStep?: string;
    },
  ) {
    await this.#db<PipelineRunRow>(RUNS)
      .where({ id, status: 'running' })
      .update({
        status: end.status,
        finished_at: end.finishedAt,
        failed_step: end.failedStep ?? null,
      });
  }

  /**
   * Opens an ended run again from `step`: a new generation, so the step
   * and those after it are claimed afresh. False when it is going (or
   * another run-again came first).
   */
  async runAgain(
    id: number,
    rerun: { step: string; actor: string; reason?: string },
  ): Promise<number | undefined> {
    const row = await this.#db<PipelineRunRow>(RUNS).where({ id }).first();
    if (!row || row.status === 'running') return undefined;
    const generation = Number(row.generation) + 1;
    const updated = await this.#db<PipelineRunRow>(RUNS)
      .where({ id, generation: row.generation })
      .whereNot('status', 'running')
      .update({
        status: 'running',
        generation,
        finished_at: null,
        failed_step: null,
        rerun_step: rerun.step,
        rerun_actor: rerun.actor,
        rerun_reason: rerun.reason?.slice(0, 500) ?? null,
        rerun_at: new Date().toISOString(),
      });
    return updated === 1 ? generation : undefined;
  }

  async #withSteps(rows: PipelineRunRow[]): Promise<StoredPipelineRun[]> {
    if (!rows.length) return [];
    const ids = rows.map(row => Number(row.id));
    const [claims, jobRuns] = await Promise.all([
      this.#db<StepRow>(STEPS)
        .whereIn('pipeline_run_id', ids)
        .orderBy(['pipeline_run_id', 'generation']),
      this.#db<RunRow>(JOB_RUNS_TABLE)
        .whereIn('pipeline_run_id', ids)
        .orderBy('id'),
    ]);
    const now = new Date();
    return rows.map(row =>
      toStoredPipelineRun(
        row,
        claims.filter(c => Number(c.pipeline_run_id) === Number(row.id)),
        jobRuns
          .filter(r => Number(r.pipeline_run_id) === Number(row.id))
          .map(r => toRun(r, now)),
      ),
    );
  }
}

function keyWhere(key: PipelineKey) {
  return {
    entity_ref: key.entityRef,
    host: key.host,
    pipeline: key.pipeline,
  };
}
