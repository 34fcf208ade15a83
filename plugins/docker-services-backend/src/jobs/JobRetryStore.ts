import { JobRun } from '@docker-services/backstage-plugin-docker-services-common';
import { Knex } from 'knex';
import { JOB_RUNS_TABLE, RunRow } from './jobRunRow';
import { toRun } from './toJobRun';

/**
 * The planned retries of failed job runs, kept on the runs' rows: which
 * run a new start continues, which retries are due (each taken on by one
 * replica), and which are not needed any more.
 */
export class JobRetryStore {
  readonly #db: Knex;

  constructor(db: Knex) {
    this.#db = db;
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
    const row = await this.#db<RunRow>(JOB_RUNS_TABLE)
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
    const row = await this.#db<RunRow>(JOB_RUNS_TABLE)
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
    const due = await this.#db<RunRow>(JOB_RUNS_TABLE)
      .where('retry_claimed', false)
      .whereNotNull('retry_at')
      .where('retry_at', '<=', now.toISOString())
      .orderBy('id')
      .limit(20);
    const claimed: JobRun[] = [];
    for (const row of due) {
      const updated = await this.#db<RunRow>(JOB_RUNS_TABLE)
        .where({ id: row.id, retry_claimed: false })
        .update({ retry_claimed: true });
      if (updated === 1) claimed.push(toRun(row));
    }
    return claimed;
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
    await this.#db<RunRow>(JOB_RUNS_TABLE)
      .where({ host, container_id: containerId, retry_claimed: false })
      .where('id', '<', options.before)
      .whereNotNull('retry_at')
      .update({ retry_claimed: true, retry_at: null });
  }
}
