import {
  HistoryEntry,
  HistoryResponse,
} from '@docker-services/backstage-plugin-docker-services-common';
import { Knex } from 'knex';

const TABLE = 'docker_services_history';
const MAX_REASON_LENGTH = 500;

type ScheduleChange = NonNullable<HistoryEntry['schedule']>['change'];

/** A history row before the database gives it an id and a time. */
export type NewHistoryEntry = Omit<HistoryEntry, 'id' | 'createdAt'>;

type Row = {
  id: number | string;
  entity_ref: string;
  actor: string;
  action: string;
  host: string;
  container_id: string;
  container_name: string;
  reason: string | null;
  outcome: string;
  changed: boolean | number;
  error: string | null;
  created_at: string | Date;
  finished_at?: string | Date | null;
  target?: string | null;
  replicas_from?: number | null;
  replicas_to?: number | null;
  schedule_change?: string | null;
  schedule_cron?: string | null;
  schedule_time_zone?: string | null;
};

/**
 * The action history in the plugin's own database (SQLite by default,
 * PostgreSQL in production). Every backend replica writes here, so the
 * history is the same whichever replica served the action.
 */
export class HistoryStore {
  readonly #db: Knex;

  static create(db: Knex): HistoryStore {
    return new HistoryStore(db);
  }

  private constructor(db: Knex) {
    this.#db = db;
  }

  /**
   * Writes the row of an action about to be carried out (outcome
   * `requested`) and returns its id. Throws when the row cannot be written:
   * then the action must not happen.
   */
  async begin(
    entry: Omit<NewHistoryEntry, 'outcome' | 'changed' | 'error'>,
  ): Promise<number> {
    const [inserted] = await this.#db<Row>(TABLE)
      .insert(toRow(entry, 'requested'))
      .returning('id');
    return Number(
      typeof inserted === 'object' ? (inserted as { id: number }).id : inserted,
    );
  }

  /** Records how the action `id` ended. */
  async complete(
    id: number,
    result: Pick<HistoryEntry, 'outcome' | 'changed' | 'error'>,
  ): Promise<void> {
    await this.#db<Row>(TABLE)
      .where('id', id)
      .update({
        outcome: result.outcome,
        changed: result.changed,
        error: result.error ?? null,
        finished_at: new Date().toISOString(),
      });
  }

  /**
   * The portal's stop (or restart) that ended a container's process at
   * `finishedAt`, Docker's time of the end: an action asked for before then
   * (give or take `skewMs` between the engine's clock and ours) that had not
   * finished long before. With `startedAt` (Docker's start of the run that
   * ended), an action asked for before that start ended an earlier run, not
   * this one. Undefined when nothing from the portal explains it.
   */
  async stopAt(request: {
    host: string;
    containerId: string;
    finishedAt: Date;
    startedAt?: Date;
    skewMs?: number;
  }): Promise<HistoryEntry | undefined> {
    const skew = request.skewMs ?? 2000;
    const end = request.finishedAt.getTime();
    const rows = await this.#db<Row>(TABLE)
      .where({ host: request.host, container_id: request.containerId })
      .whereIn('action', ['stop', 'restart'])
      .whereNot('outcome', 'failed')
      .orderBy('id', 'desc')
      .limit(5);
    const row = rows.find(candidate => {
      // An action that found it already stopped did not stop it.
      if (candidate.outcome === 'succeeded' && !candidate.changed) return false;
      const asked = new Date(candidate.created_at).getTime();
      if (request.startedAt && asked < request.startedAt.getTime()) {
        return false;
      }
      const done = candidate.finished_at
        ? new Date(candidate.finished_at).getTime()
        : Infinity;
      return asked - skew <= end && end <= done + skew;
    });
    return row ? toEntry(row) : undefined;
  }

  /**
   * The portal's start (or restart) that began a container's run at
   * `startedAt` (Docker's time): an action asked for at most `windowMs`
   * before then (give or take `skewMs`), not failed, that had not finished
   * long before. The newest such. Undefined when the run was started from
   * outside the portal.
   */
  async startAt(request: {
    host: string;
    containerId: string;
    startedAt: Date;
    windowMs?: number;
    skewMs?: number;
  }): Promise<HistoryEntry | undefined> {
    const skew = request.skewMs ?? 2000;
    const start = request.startedAt.getTime();
    const earliest = start - (request.windowMs ?? 5 * 60_000) - skew;
    const rows = await this.#db<Row>(TABLE)
      .where({ host: request.host, container_id: request.containerId })
      .whereIn('action', ['start', 'restart'])
      .whereNot('outcome', 'failed')
      .where('created_at', '>=', new Date(earliest).toISOString())
      .orderBy('id', 'desc')
      .limit(20);
    const row = rows.find(candidate => {
      if (candidate.outcome === 'succeeded' && !candidate.changed) return false;
      const asked = new Date(candidate.created_at).getTime();
      const done = candidate.finished_at
        ? new Date(candidate.finished_at).getTime()
        : Infinity;
      return asked - skew <= start && start <= done + skew;
    });
    return row ? toEntry(row) : undefined;
  }

  /**
   * Records a change that involves no Docker call (a job's schedule): its
   * row is complete when written.
   */
  async record(
    entry: Omit<NewHistoryEntry, 'outcome' | 'changed' | 'error'>,
  ): Promise<HistoryEntry> {
    const row = {
      ...toRow(entry, 'requested'),
      outcome: 'succeeded',
      changed: true,
    };
    const [inserted] = await this.#db<Row>(TABLE)
      .insert({ ...row, finished_at: row.created_at })
      .returning('id');
    const id = Number(
      typeof inserted === 'object' ? (inserted as { id: number }).id : inserted,
    );
    return toEntry({ ...row, id });
  }

  /**
   * Records that someone asked the owners to act (outcome `asked`): the
   * request is history too, though nothing was done to the container.
   */
  async asked(
    entry: Omit<NewHistoryEntry, 'outcome' | 'changed' | 'error'>,
  ): Promise<void> {
    const row = toRow(entry, 'asked');
    await this.#db<Row>(TABLE).insert({ ...row, finished_at: row.created_at });
  }

  /** When `actor` last asked the owners about a container, if ever. */
  async lastAsked(request: {
    actor: string;
    host: string;
    containerId: string;
  }): Promise<Date | undefined> {
    const row = await this.#db<Row>(TABLE)
      .where({
        actor: request.actor,
        host: request.host,
        container_id: request.containerId,
        outcome: 'asked',
      })
      .orderBy('id', 'desc')
      .first();
    return row ? new Date(row.created_at) : undefined;
  }

  /** Newest first; `before` is the `nextBefore` of the previous page. */
  async list(request: {
    entityRef: string;
    limit: number;
    before?: number;
  }): Promise<HistoryResponse> {
    let query = this.#db<Row>(TABLE)
      .where('entity_ref', request.entityRef)
      .orderBy('id', 'desc')
      .limit(request.limit + 1);
    if (request.before !== undefined) {
      query = query.where('id', '<', request.before);
    }
    const rows = await query;
    const items = rows.slice(0, request.limit).map(toEntry);
    return rows.length > request.limit
      ? { items, nextBefore: items[items.length - 1].id }
      : { items };
  }
}

/** A new row, unchanged and without error, written now. */
function toRow(
  entry: Omit<NewHistoryEntry, 'outcome' | 'changed' | 'error'>,
  outcome: 'requested' | 'asked',
): Omit<Row, 'id'> {
  return {
    entity_ref: entry.entityRef,
    actor: entry.actor,
    action: entry.action,
    host: entry.host,
    container_id: entry.containerId,
    container_name: entry.containerName,
    reason: entry.reason?.slice(0, MAX_REASON_LENGTH) ?? null,
    outcome,
    changed: false,
    error: null,
    created_at: new Date().toISOString(),
    ...(entry.target === 'service' ? { target: 'service' } : {}),
    ...(entry.replicas
      ? { replicas_from: entry.replicas.from, replicas_to: entry.replicas.to }
      : {}),
    ...(entry.schedule
      ? {
          schedule_change: entry.schedule.change,
          schedule_cron: entry.schedule.cron ?? null,
          schedule_time_zone: entry.schedule.timeZone ?? null,
        }
      : {}),
  };
}

function toEntry(row: Row): HistoryEntry {
  return {
    id: Number(row.id),
    entityRef: row.entity_ref,
    actor: row.actor,
    action: row.action as HistoryEntry['action'],
    ...(row.target === 'service' ? { target: 'service' as const } : {}),
    ...(row.replicas_from !== null &&
    row.replicas_from !== undefined &&
    row.replicas_to !== null &&
    row.replicas_to !== undefined
      ? {
          replicas: {
            from: Number(row.replicas_from),
            to: Number(row.replicas_to),
          },
        }
      : {}),
    ...(row.schedule_change
      ? {
          schedule: {
            change: row.schedule_change as ScheduleChange,
            ...(row.schedule_cron ? { cron: row.schedule_cron } : {}),
            ...(row.schedule_time_zone
              ? { timeZone: row.schedule_time_zone }
              : {}),
          },
        }
      : {}),
    host: row.host,
    containerId: row.container_id,
    containerName: row.container_name,
    ...(row.reason ? { reason: row.reason } : {}),
    outcome: row.outcome as HistoryEntry['outcome'],
    changed: Boolean(row.changed),
    ...(row.error ? { error: row.error } : {}),
    createdAt: new Date(row.created_at).toISOString(),
  };
}
