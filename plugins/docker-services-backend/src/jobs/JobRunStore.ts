import {
  JobRun,
  JobRunsResponse,
} from '@docker-services/backstage-plugin-docker-services-common';
import { Knex } from 'knex';
import { engineMs } from '../database/historyRows';
import { JobKey, jobKeyString, jobKeyWhere } from './jobKey';
import { JobRetryStore } from './JobRetryStore';
import { JOB_RUNS_TABLE, RunRow } from './jobRunRow';
import { newRunRow, RunStart, skippedRunRow } from './newRunRow';
import { runLogWindow } from './runLogBounds';
import { toRun } from './toJobRun';

export type { RunRow } from './jobRunRow';
export type { JobKey } from './jobKey';
export type { RunStart } from './newRunRow';
export { jobKeyString };
export { RUN_LOG_MARGIN_MS } from './runLogBounds';

/**
 * The runs of jobs in the plugin's database. A run is written by whichever
 * backend replica hears of it first; the others find it there (the key is
 * Docker's own start time of the container, the same for all).
 */
export class JobRunStore {
  readonly #db: Knex;
  readonly #retries: JobRetryStore;

  constructor(db: Knex) {
    this.#db = db;
    this.#retries = new JobRetryStore(db);
  }

  /** Writes the run unless it is there already; returns it either way. */
  async recordStart(start: RunStart): Promise<JobRun> {
    await this.#db<RunRow>(JOB_RUNS_TABLE)
      .insert(newRunRow(start))
      .onConflict(['host', 'container_id', 'started_at'])
      .ignore();
    const run = await this.findByStart(start);
    if (!run) throw new Error('A job run was written but cannot be read');
    return run;
  }

  async findByStart(key: {
    host: string;
    containerId: string;
    startedAt: string;
  }): Promise<JobRun | undefined> {
    const row = await this.#db<RunRow>(JOB_RUNS_TABLE)
      .where({
        host: key.host,
        container_id: key.containerId,
        started_at: key.startedAt,
      })
      .first();
    return row ? toRun(row) : undefined;
  }

  /**
   * Records how the run that began at `startedAt` ended (once: a run that
   * has ended already is left as it is). `retryAt` plans its retry.
   */
  async recordEnd(end: {
    host: string;
    containerId: string;
    startedAt: string;
    finishedAt: string;
    exitCode: number;
    oomKilled: boolean;
    outcome: 'succeeded' | 'failed' | 'stopped';
    retryAt?: string;
  }): Promise<void> {
    await this.#db<RunRow>(JOB_RUNS_TABLE)
      .where({
        host: end.host,
        container_id: end.containerId,
        started_at: end.startedAt,
      })
      .whereNull('finished_at')
      .update({
        outcome: end.outcome,
        finished_at: end.finishedAt,
        exit_code: end.exitCode,
        oom_killed: end.oomKilled,
        retry_at: end.retryAt ?? null,
      });
  }

  /**
   * Ends the run of the container still marked running that began before
   * its current start, when the `die` event was heard only after the
   * container had started again (a restart policy, a quick retry): Docker's
   * state already shows the next run, begun after the die. The event's exit
   * code and time end the run that was running then. A die of the current
   * run ends no earlier run: its time and code are not theirs.
   */
  async endEarlier(end: {
    host: string;
    containerId: string;
    currentStartedAt: string;
    finishedAt: string;
    exitCode: number;
    /** Someone stopped or killed it: not a failure. */
    stopped?: boolean;
  }): Promise<void> {
    const diedAt = engineMs(end.finishedAt);
    const current = engineMs(end.currentStartedAt);
    if (diedAt === undefined || current === undefined || current <= diedAt) {
      return;
    }
    const open = await this.#db<RunRow>(JOB_RUNS_TABLE)
      .where({ host: end.host, container_id: end.containerId })
      .where('outcome', 'running')
      .whereNull('finished_at')
      .whereNot('started_at', end.currentStartedAt)
      .orderBy('id', 'desc');
    const dying = open.find(row => (engineMs(row.started_at) ?? 0) <= diedAt);
    if (!dying) return;
    await this.#db<RunRow>(JOB_RUNS_TABLE)
      .where({ id: dying.id })
      .whereNull('finished_at')
      .update({
        outcome: endedOutcome(end),
        finished_at: end.finishedAt,
        exit_code: end.exitCode,
      });
  }

  /**
   * A scheduled run that was due at `dueAt` but not started, and why (by
   * default: the previous run was still running).
   */
  async recordSkipped(
    skip: JobKey & { containerId: string; dueAt: string; why?: string },
  ) {
    await this.#db<RunRow>(JOB_RUNS_TABLE)
      .insert(skippedRunRow(skip))
      .onConflict(['host', 'container_id', 'started_at'])
      .ignore();
  }

  /** The job's runs, newest first; `before` is the `nextBefore` of the previous page. */
  async list(
    key: JobKey & { limit: number; before?: number },
  ): Promise<JobRunsResponse> {
    let query = this.#db<RunRow>(JOB_RUNS_TABLE)
      .where(jobKeyWhere(key))
      .orderBy('id', 'desc')
      .limit(key.limit + 1);
    if (key.before !== undefined) query = query.where('id', '<', key.before);
    const rows = await query;
    const now = new Date();
    const items = rows.slice(0, key.limit).map(row => toRun(row, now));
    return rows.length > key.limit
      ? { items, nextBefore: items[items.length - 1].id }
      : { items };
  }

  /**
   * One run of the job, with the Docker times that bound its lines in the
   * container's log ({@link runLogWindow}): never the container's beginning,
   * which may hold runs nobody recorded. For a process that exits at once
   * Docker may record the start after the first lines, even after the end;
   * on a busy engine it stamps lines when it reads them, after the process
   * ended (measured here: 4 ms after).
   */
  async get(
    key: JobKey & { id: number },
  ): Promise<{ run: JobRun; since?: string; until?: string } | undefined> {
    const row = await this.#db<RunRow>(JOB_RUNS_TABLE)
      .where({ ...jobKeyWhere(key), id: key.id })
      .first();
    if (!row) return undefined;
    const neighbour = (direction: '<' | '>') =>
      this.#db<RunRow>(JOB_RUNS_TABLE)
        .where({ host: row.host, container_id: row.container_id })
        .where('id', direction, row.id)
        .whereNot('outcome', 'skipped')
        .orderBy('id', direction === '<' ? 'desc' : 'asc')
        .first();
    const [previous, next] = await Promise.all([
      neighbour('<'),
      neighbour('>'),
    ]);
    return { run: toRun(row), ...runLogWindow(row, previous, next) };
  }

  /** Whether a run was started by the portal action of history row `id`. */
  async startedBy(historyId: number): Promise<boolean> {
    const row = await this.#db<RunRow>(JOB_RUNS_TABLE)
      .where({ history_id: historyId })
      .first();
    return Boolean(row);
  }

  /** The newest runs of each of these jobs that were started (not skipped). */
  async latest(keys: JobKey[]): Promise<Map<string, JobRun>> {
    const found = new Map<string, JobRun>();
    for (const key of keys) {
      const row = await this.#db<RunRow>(JOB_RUNS_TABLE)
        .where(jobKeyWhere(key))
        .whereNot('outcome', 'skipped')
        .orderBy('id', 'desc')
        .first();
      if (row) found.set(jobKeyString(key), toRun(row));
    }
    return found;
  }

  /**
   * Removes the runs that began before `before`, except one still running
   * and the newest of each job (its "last run"); returns how many.
   */
  async prune(before: Date): Promise<number> {
    const newest = this.#db<RunRow>(JOB_RUNS_TABLE)
      .max('id')
      .whereNot('outcome', 'skipped')
      .groupBy(['entity_ref', 'host', 'container_name']);
    return this.#db<RunRow>(JOB_RUNS_TABLE)
      .where('started_at', '<', before.toISOString())
      .whereNot('outcome', 'running')
      .whereNotIn('id', newest)
      .delete();
  }

  /** See {@link JobRetryStore.retryChainHead}. */
  retryChainHead(key: {
    host: string;
    containerId: string;
    startedAt: string;
  }) {
    return this.#retries.retryChainHead(key);
  }

  /** See {@link JobRetryStore.lastRetried}. */
  lastRetried(host: string, containerId: string) {
    return this.#retries.lastRetried(host, containerId);
  }

  /** See {@link JobRetryStore.claimDueRetries}. */
  claimDueRetries(now: Date): Promise<JobRun[]> {
    return this.#retries.claimDueRetries(now);
  }

  /** See {@link JobRetryStore.cancelRetries}. */
  cancelRetries(
    host: string,
    containerId: string,
    options: { before: number },
  ) {
    return this.#retries.cancelRetries(host, containerId, options);
  }
}

/** How a run ended by its die event alone: stopped by someone, or by itself. */
function endedOutcome(end: { stopped?: boolean; exitCode: number }) {
  if (end.stopped) return 'stopped';
  return end.exitCode === 0 ? 'succeeded' : 'failed';
}
