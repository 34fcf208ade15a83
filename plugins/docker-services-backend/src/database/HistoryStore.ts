import {
  ContainerAction,
  HistoryEntry,
  HistoryResponse,
} from '@docker-services/backstage-plugin-docker-services-common';
import { Knex } from 'knex';

const TABLE = 'docker_services_history';
const MAX_REASON_LENGTH = 500;

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
      .insert({
        entity_ref: entry.entityRef,
        actor: entry.actor,
        action: entry.action,
        host: entry.host,
        container_id: entry.containerId,
        container_name: entry.containerName,
        reason: entry.reason?.slice(0, MAX_REASON_LENGTH) ?? null,
        outcome: 'requested',
        changed: false,
        error: null,
        created_at: new Date().toISOString(),
      })
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

function toEntry(row: Row): HistoryEntry {
  return {
    id: Number(row.id),
    entityRef: row.entity_ref,
    actor: row.actor,
    action: row.action as ContainerAction,
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
