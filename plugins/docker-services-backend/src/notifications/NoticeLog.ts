import { Knex } from 'knex';

const TABLE = 'docker_services_notices';

/**
 * The notifications sent, shared by every backend replica: `claim` lets
 * exactly one replica send the notification for a given key.
 */
export class NoticeLog {
  readonly #db: Knex;

  constructor(db: Knex) {
    this.#db = db;
  }

  /** True for the one caller that wrote `key` first. */
  async claim(notice: {
    key: string;
    entityRef: string;
    kind: string;
  }): Promise<boolean> {
    const inserted = await this.#db(TABLE)
      .insert({
        notice_key: notice.key.slice(0, 255),
        entity_ref: notice.entityRef.slice(0, 255),
        kind: notice.kind,
        created_at: new Date().toISOString(),
      })
      .onConflict('notice_key')
      .ignore()
      .returning('notice_key');
    return inserted.length === 1;
  }
}
