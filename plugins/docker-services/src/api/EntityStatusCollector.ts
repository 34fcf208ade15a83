import {
  ENTITY_STATUS_MAX_REFS,
  EntityStatus,
  EntityStatusResponse,
} from '@docker-services/backstage-plugin-docker-services-common';

type Waiting = {
  resolve: (status: EntityStatus | undefined) => void;
  reject: (error: unknown) => void;
};

/**
 * Collects the entity refs asked for in the same moment (each cell of a
 * catalog table asks for its own row) and asks the backend once for all of
 * them, at most {@link ENTITY_STATUS_MAX_REFS} per request; each asker gets
 * its own entity's status, or undefined when the backend left it out.
 */
export class EntityStatusCollector {
  readonly #fetchMany: (refs: string[]) => Promise<EntityStatusResponse>;
  readonly #waitMs: number;
  #waiting = new Map<string, Waiting[]>();
  #timer: ReturnType<typeof setTimeout> | undefined;

  /**
   * @param waitMs - how long to collect after the first ask; the cells of a
   *   table rendered together all ask within it.
   */
  constructor(
    fetchMany: (refs: string[]) => Promise<EntityStatusResponse>,
    waitMs = 10,
  ) {
    this.#fetchMany = fetchMany;
    this.#waitMs = waitMs;
  }

  load(entityRef: string): Promise<EntityStatus | undefined> {
    return new Promise((resolve, reject) => {
      const waiting = this.#waiting.get(entityRef) ?? [];
      waiting.push({ resolve, reject });
      this.#waiting.set(entityRef, waiting);
      this.#timer ??= setTimeout(() => this.#flush(), this.#waitMs);
    });
  }

  #flush(): void {
    const batch = this.#waiting;
    this.#waiting = new Map();
    this.#timer = undefined;
    const refs = [...batch.keys()];
    for (let i = 0; i < refs.length; i += ENTITY_STATUS_MAX_REFS) {
      const chunk = refs.slice(i, i + ENTITY_STATUS_MAX_REFS);
      this.#fetchMany(chunk).then(
        ({ items }) => {
          const byRef = new Map(items.map(item => [item.entityRef, item]));
          for (const ref of chunk) {
            batch.get(ref)?.forEach(w => w.resolve(byRef.get(ref)));
          }
        },
        error => {
          for (const ref of chunk)
            batch.get(ref)?.forEach(w => w.reject(error));
        },
      );
    }
  }
}
