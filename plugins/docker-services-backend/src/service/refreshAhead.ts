import { KeptAnswers } from './KeptAnswers';

/**
 * Asks again, in one call of `ask` (with the positions in `keys`), for
 * the kept answers of `keys` in their last `refreshAheadMs` that are not
 * being asked already, while the request that used them gets the kept
 * ones: a person reloading their tab does not wait for the catalog and
 * the permission plugin each time an answer's life ends. Each new answer
 * replaces its entry, with a life from `now`, unless the entry was dropped
 * or replaced meanwhile; a failure leaves the entries to their end.
 */
export function refreshAhead(options: {
  answers: KeptAnswers;
  keys: string[];
  ask: (due: number[]) => Promise<unknown[]>;
  /** How long before its end an answer in use is asked again. */
  refreshAheadMs: number;
  now: number;
}): void {
  const { answers, keys, ask, refreshAheadMs, now } = options;
  const due = keys.flatMap((key, i) => {
    const entry = answers.get(key);
    if (
      !entry ||
      entry.refreshing ||
      entry.expiresAt <= now ||
      entry.expiresAt - now > refreshAheadMs
    ) {
      return [];
    }
    entry.refreshing = true;
    return [{ key, i, entry }];
  });
  if (due.length === 0) return;
  ask(due.map(d => d.i)).then(
    asked =>
      due.forEach(({ key, entry }, j) => {
        answers.renew(key, entry, asked[j], now);
      }),
    () =>
      due.forEach(({ entry }) => {
        entry.refreshing = false;
      }),
  );
}
