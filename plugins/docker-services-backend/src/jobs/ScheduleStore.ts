import { JobSchedule } from '@docker-services/backstage-plugin-docker-services-common';
import { Knex } from 'knex';
import { parseCronSchedule } from './cronSchedule';
import { JobKey, jobKeyString } from './JobRunStore';

const TABLE = 'docker_services_job_schedules';

type Row = {
  host: string;
  container_name: string;
  entity_ref: string;
  cron: string;
  time_zone: string;
  paused: boolean | number;
  next_run_at: string | null;
  updated_by: string;
  updated_at: string;
};

/** One job's schedule as stored. */
export interface StoredSchedule extends JobKey {
  cron: string;
  timeZone: string;
  paused: boolean;
  /** ISO 8601; null while paused. */
  nextRunAt: string | null;
  updatedBy: string;
  updatedAt: string;
}

/**
 * Jobs' schedules in the plugin's database. A tick is carried out by the
 * replica that moves `next_run_at` on from the value it read: every other
 * replica's update then finds nothing, so each tick starts at most one run.
 */
export class ScheduleStore {
  readonly #db: Knex;

  constructor(db: Knex) {
    this.#db = db;
  }

  async get(host: string, containerName: string) {
    const row = await this.#db<Row>(TABLE)
      .where({ host, container_name: containerName })
      .first();
    return row ? toSchedule(row) : undefined;
  }

  /** The schedules of these jobs, by {@link jobKeyString}. */
  async getMany(keys: JobKey[]): Promise<Map<string, StoredSchedule>> {
    const found = new Map<string, StoredSchedule>();
    for (const key of keys) {
      const schedule = await this.get(key.host, key.containerName);
      if (schedule && schedule.entityRef === key.entityRef) {
        found.set(jobKeyString(key), schedule);
      }
    }
    return found;
  }

  async put(schedule: StoredSchedule): Promise<void> {
    await this.#db<Row>(TABLE)
      .insert(toRow(schedule))
      .onConflict(['host', 'container_name'])
      .merge();
  }

  async remove(host: string, containerName: string): Promise<boolean> {
    const removed = await this.#db<Row>(TABLE)
      .where({ host, container_name: containerName })
      .delete();
    return removed > 0;
  }

  /** Unpaused schedules whose next tick is due. */
  async due(now: Date): Promise<StoredSchedule[]> {
    const rows = await this.#db<Row>(TABLE)
      .where('paused', false)
      .whereNotNull('next_run_at')
      .where('next_run_at', '<=', now.toISOString())
      .limit(100);
    return rows.map(toSchedule);
  }

  /**
   * Moves the schedule's next tick from `from` to `to`; true for the one
   * replica whose update found `from` still there.
   */
  async claimTick(
    schedule: StoredSchedule,
    from: string,
    to: string,
  ): Promise<boolean> {
    const updated = await this.#db<Row>(TABLE)
      .where({
        host: schedule.host,
        container_name: schedule.containerName,
        next_run_at: from,
      })
      .update({ next_run_at: to });
    return updated === 1;
  }
}

function toRow(schedule: StoredSchedule): Row {
  return {
    host: schedule.host,
    container_name: schedule.containerName,
    entity_ref: schedule.entityRef,
    cron: schedule.cron,
    time_zone: schedule.timeZone,
    paused: schedule.paused,
    next_run_at: schedule.nextRunAt,
    updated_by: schedule.updatedBy,
    updated_at: schedule.updatedAt,
  };
}

function toSchedule(row: Row): StoredSchedule {
  return {
    host: row.host,
    containerName: row.container_name,
    entityRef: row.entity_ref,
    cron: row.cron,
    timeZone: row.time_zone,
    paused: Boolean(row.paused),
    nextRunAt: row.next_run_at,
    updatedBy: row.updated_by,
    updatedAt: row.updated_at,
  };
}

/** The stored schedule on the wire, in words, with its next tick. */
export function toJobSchedule(
  stored: StoredSchedule,
  schedulesEnabled: boolean,
): JobSchedule {
  let description = `on the cron schedule ${stored.cron}`;
  try {
    description = parseCronSchedule(
      stored.cron,
      stored.timeZone,
      1,
    ).description;
  } catch {
    // Stored before a stricter check: shown as written.
  }
  return {
    cron: stored.cron,
    timeZone: stored.timeZone,
    paused: stored.paused,
    description,
    ...(stored.nextRunAt && !stored.paused && schedulesEnabled
      ? { nextRunAt: stored.nextRunAt }
      : {}),
    updatedBy: stored.updatedBy,
    updatedAt: stored.updatedAt,
  };
}
