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
 * Answers are kept for `keepMs`: the catalog mounts its rows again while
 * its list settles (three times on a page load), and those asks are
 * answered from the first request.
 */
export class EntityStatusCollector {
  readonly #fetchMany: (refs: string[]) => Promise<EntityStatusResponse>;
  readonly #waitMs: number;
  readonly #keepMs: number;
  #waiting = new Map<string, Waiting[]>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  readonly #answers = new Map<
    string,
    { at: number; answer: Promise<EntityStatus | undefined> }
  >();

  /**
   * @param options.waitMs - how long to collect after the first ask; the
   *   cells of a table rendered together all ask within it.
   * @param options.keepMs - how long an answer (or one on its way) is
   *   given again.
   */
  constructor(
    fetchMany: (refs: string[]) => Promise<EntityStatusResponse>,
    options: { waitMs?: number; keepMs?: number } = {},
  ) {
    this.#fetchMany = fetchMany;
    this.#waitMs = options.waitMs ?? 10;
    this.#keepMs = options.keepMs ?? 5_000;
  }

  load(entityRef: string): Promise<EntityStatus | undefined> {
    const now = Date.now();
    const kept = this.#answers.get(entityRef);
    if (kept && now - kept.at < this.#keepMs) return kept.answer;
    const answer = new Promise<EntityStatus | undefined>((resolve, reject) => {
      const waiting = this.#waiting.get(entityRef) ?? [];
      waiting.push({ resolve, reject });
      this.#waiting.set(entityRef, waiting);
      this.#timer ??= setTimeout(() => this.#flush(), this.#waitMs);
    });
    const entry = { at: now, answer };
    this.#answers.set(entityRef, entry);
    answer.catch(() => {
      if (this.#answers.get(entityRef) === entry) {
        this.#answers.delete(entityRef);
      }
    });
    return answer;
  }

  #flush(): void {
    const batch = this.#waiting;
    this.#waiting = new Map();
    this.#timer = undefined;
    this.#forgetOld();
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
          for (const ref of chunk) {
            batch.get(ref)?.forEach(w => w.reject(error));
          }
        },
      );
    }
  }

  #forgetOld(): void {
    const now = Date.now();
    for (const [ref, { at }] of this.#answers) {
      if (now - at >= this.#keepMs) this.#answers.delete(ref);
    }
  }
}
