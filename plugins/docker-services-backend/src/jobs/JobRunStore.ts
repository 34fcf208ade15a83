import {
  JobRun,
  JobRunsResponse,
  JobRunTrigger,
} from '@docker-services/backstage-plugin-docker-services-common';
import { Knex } from 'knex';
import { engineMs } from '../database/HistoryStore';
import { toRun } from './toJobRun';

const TABLE = 'docker_services_job_runs';

/**
 * How far Docker's stamps on a run's lines may stray from the run's own
 * times: a quick process writes before Docker records its start, and a
 * busy engine stamps lines when it reads them, after the process ended.
 */
export const RUN_LOG_MARGIN_MS = 2000;

/** A row of the runs table. */
export type RunRow = {
  id: number | string;
  entity_ref: string;
  host: string;
  container_id: string;
  container_name: string;
  trigger: string;
  actor: string | null;
  reason: string | null;
  attempt: number | string;
  retry_of: number | string | null;
  history_id?: number | string | null;
  outcome: string;
  started_at: string;
  finished_at: string | null;
  exit_code: number | string | null;
  oom_killed: boolean | number | null;
  retry_at: string | null;
  retry_claimed: boolean | number;
  pipeline_run_id?: number | string | null;
};

/** Which job: its entity, host and container name (ids change on re-create). */
export interface JobKey {
  entityRef: string;
  host: string;
  containerName: string;
}

/** A run as it begins: Docker's start time is its key. */
export interface RunStart extends JobKey {
  containerId: string;
  startedAt: string;
  trigger: JobRunTrigger;
  actor?: string;
  reason?: string;
  attempt: number;
  retryOf?: number;
  /** The history row of the portal action that started it. */
  historyId?: number;
  /** The pipeline run it is a step of (a retry: its failed run's). */
  pipelineRunId?: number;
}

/**
 * The runs of jobs in the plugin's database. A run is written by whichever
 * backend replica hears of it first; the others find it there (the key is
 * Docker's own start time of the container, the same for all).
 */
export class JobRunStore {
  readonly #db: Knex;

  constructor(db: Knex) {
    this.#db = db;
  }

  /** Writes the run unless it is there already; returns it either way. */
  async recordStart(start: RunStart): Promise<JobRun> {
    await this.#db<RunRow>(TABLE)
      .insert({
        entity_ref: start.entityRef,
        host: start.host,
        container_id: start.containerId,
        container_name: start.containerName,
        trigger: start.trigger,
        actor: start.actor ?? null,
        reason: start.reason?.slice(0, 500) ?? null,
        attempt: start.attempt,
        retry_of: start.retryOf ?? null,
        history_id: start.historyId ?? null,
        pipeline_run_id: start.pipelineRunId ?? null,
        outcome: 'running',
        started_at: start.startedAt,
        retry_claimed: false,
      })
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
    const row = await this.#db<RunRow>(TABLE)
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
    await this.#db<RunRow>(TABLE)
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
   * Ends runs of the container still marked running that began before its
   * current start: their `die` event was heard only after the container
   * had started again (a restart policy, a quick retry), when Docker's
   * state already showed the next run. The event's exit code ends them.
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
    await this.#db<RunRow>(TABLE)
      .where({ host: end.host, container_id: end.containerId })
      .where('outcome', 'running')
      .whereNull('finished_at')
      .whereNot('started_at', end.currentStartedAt)
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
    await this.#db<RunRow>(TABLE)
      .insert({
        entity_ref: skip.entityRef,
        host: skip.host,
        container_id: skip.containerId,
        container_name: skip.containerName,
        trigger: 'schedule',
        actor: null,
        reason: skip.why?.slice(0, 500) ?? null,
        attempt: 1,
        outcome: 'skipped',
        started_at: skip.dueAt,
        retry_claimed: false,
      })
      .onConflict(['host', 'container_id', 'started_at'])
      .ignore();
  }

  /** The job's runs, newest first; `before` is the `nextBefore` of the previous page. */
  async list(
    key: JobKey & { limit: number; before?: number },
  ): Promise<JobRunsResponse> {
    let query = this.#db<RunRow>(TABLE)
      .where(keyWhere(key))
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
   * container's log: from halfway between the previous run's end and its own
   * start (the first recorded run: its start less {@link RUN_LOG_MARGIN_MS},
   * never the container's beginning, which may hold runs nobody recorded),
   * to halfway between its end and the next run's start (the last: its end
   * plus the margin; absent while it runs). For a process that exits at once
   * Docker may record the start after the first lines, even after the end;
   * on a busy engine it stamps lines when it reads them, after the process
   * ended (measured here: 4 ms after).
   */
  async get(
    key: JobKey & { id: number },
  ): Promise<{ run: JobRun; since?: string; until?: string } | undefined> {
    const row = await this.#db<RunRow>(TABLE)
      .where({ ...keyWhere(key), id: key.id })
      .first();
    if (!row) return undefined;
    const neighbour = (direction: '<' | '>') =>
      this.#db<RunRow>(TABLE)
        .where({ host: row.host, container_id: row.container_id })
        .where('id', direction, row.id)
        .whereNot('outcome', 'skipped')
        .orderBy('id', direction === '<' ? 'desc' : 'asc')
        .first();
    const [previous, next] = await Promise.all([
      neighbour('<'),
      neighbour('>'),
    ]);
    const since = previous
      ? between(previous, row)
      : shifted(row.started_at, -RUN_LOG_MARGIN_MS);
    let until: string | undefined;
    if (row.finished_at) {
      until = next
        ? between(row, next)
        : shifted(row.finished_at, RUN_LOG_MARGIN_MS);
    }
    return {
      run: toRun(row),
      since,
      ...(until ? { until } : {}),
    };
  }

  /** Whether a run was started by the portal action of history row `id`. */
  async startedBy(historyId: number): Promise<boolean> {
    const row = await this.#db<RunRow>(TABLE)
      .where({ history_id: historyId })
      .first();
    return Boolean(row);
  }

  /** The newest runs of each of these jobs that were started (not skipped). */
  async latest(keys: JobKey[]): Promise<Map<string, JobRun>> {
    const found = new Map<string, JobRun>();
    for (const key of keys) {
      const row = await this.#db<RunRow>(TABLE)
        .where(keyWhere(key))
        .whereNot('outcome', 'skipped')
        .orderBy('id', 'desc')
        .first();
      if (row) found.set(jobKeyString(key), toRun(row));
    }
    return found;
  }

  /**
   * The run a new start of this container continues as a retry: the newest
   * other run, when it failed and a retry of it was planned (taken on or
   * not). Whoever started the new run (this portal, another deployment
   * watching the same engine, a person outside), its attempt counts on
   * from there, so retries always end.
   */
  async retryChainHead(key: {
    host: string;
    containerId: string;
    startedAt: string;
  }): Promise<JobRun | undefined> {
    const row = await this.#db<RunRow>(TABLE)
      .where({ host: key.host, container_id: key.containerId })
      .whereNot('started_at', key.startedAt)
      .whereNot('outcome', 'skipped')
      .orderBy('id', 'desc')
      .first();
    return row && row.outcome === 'failed' && row.retry_at !== null
      ? toRun(row)
      : undefined;
  }

  /** The run of this container whose retry was taken on last, if any. */
  async lastRetried(host: string, containerId: string) {
    const row = await this.#db<RunRow>(TABLE)
      .where({ host, container_id: containerId, retry_claimed: true })
      .whereNotNull('retry_at')
      .orderBy('id', 'desc')
      .first();
    return row ? toRun(row) : undefined;
  }

  /**
   * Takes on the retries that are due: each is claimed by exactly one
   * replica (the first whose update finds it unclaimed).
   */
  async claimDueRetries(now: Date): Promise<JobRun[]> {
    const due = await this.#db<RunRow>(TABLE)
      .where('retry_claimed', false)
      .whereNotNull('retry_at')
      .where('retry_at', '<=', now.toISOString())
      .orderBy('id')
      .limit(20);
    const claimed: JobRun[] = [];
    for (const row of due) {
      const updated = await this.#db<RunRow>(TABLE)
        .where({ id: row.id, retry_claimed: false })
        .update({ retry_claimed: true });
      if (updated === 1) claimed.push(toRun(row));
    }
    return claimed;
  }

  /**
   * Removes the runs that began before `before`, except one still running
   * and the newest of each job (its "last run"); returns how many.
   */
  async prune(before: Date): Promise<number> {
    const newest = this.#db<RunRow>(TABLE)
      .max('id')
      .whereNot('outcome', 'skipped')
      .groupBy(['entity_ref', 'host', 'container_name']);
    return this.#db<RunRow>(TABLE)
      .where('started_at', '<', before.toISOString())
      .whereNot('outcome', 'running')
      .whereNotIn('id', newest)
      .delete();
  }

  /**
   * A new run began: planned retries of earlier runs (those recorded before
   * run `before`) are not needed any more.
   */
  async cancelRetries(
    host: string,
    containerId: string,
    options: { before: number },
  ): Promise<void> {
    await this.#db<RunRow>(TABLE)
      .where({ host, container_id: containerId, retry_claimed: false })
      .where('id', '<', options.before)
      .whereNotNull('retry_at')
      .update({ retry_claimed: true, retry_at: null });
  }
}

/** How a run ended by its die event alone: stopped by someone, or by itself. */
function endedOutcome(end: { stopped?: boolean; exitCode: number }) {
  if (end.stopped) return 'stopped';
  return end.exitCode === 0 ? 'succeeded' : 'failed';
}

/** A Docker time to the millisecond (see engineMs). */
function dockerMs(dockerTime: string): number {
  return engineMs(dockerTime) ?? Date.parse(dockerTime);
}

/**
 * Where one run's lines end and the next one's begin in the container's
 * log: halfway between the end of one and the start of the other, so that
 * a line stamped late (after its run ended) or early (before Docker
 * recorded the start) still falls in its own run.
 */
function between(earlier: RunRow, later: RunRow): string {
  const end = dockerMs(earlier.finished_at ?? earlier.started_at);
  const start = dockerMs(later.started_at);
  return new Date(start > end ? end + (start - end) / 2 : end).toISOString();
}

function shifted(dockerTime: string, ms: number): string {
  return new Date(dockerMs(dockerTime) + ms).toISOString();
}

export function jobKeyString(key: JobKey): string {
  return `${key.entityRef}\n${key.host}\n${key.containerName}`;
}

function keyWhere(key: JobKey) {
  return {
    entity_ref: key.entityRef,
    host: key.host,
    container_name: key.containerName,
  };
}
