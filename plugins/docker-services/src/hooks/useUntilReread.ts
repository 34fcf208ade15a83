import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * Actions whose answer came but whose effect the page does not show yet:
 * each is kept from its answer until the list it acted on has been read
 * again (a new `list` object), so that a row does not fall back to its old
 * state between the two.
 */
export function useUntilReread<Action extends string>(list: unknown) {
  const [kept, setKept] = useState<
    Record<string, { action: Action; list: unknown }>
  >({});
  const latestList = useRef(list);
  latestList.current = list;

  useEffect(() => {
    setKept(previous => {
      const stale = Object.keys(previous).filter(
        key => previous[key].list !== list,
      );
      if (stale.length === 0) return previous;
      const rest = { ...previous };
      stale.forEach(key => delete rest[key]);
      return rest;
    });
  }, [list]);

  /** The list as it is now: give it to `keep` when the answer comes. */
  const currentList = useCallback(() => latestList.current, []);

  /**
   * The action on `key` was answered while the page showed `answeredWith`:
   * keep it until the list is read again, unless it already was.
   */
  const keep = useCallback(
    (key: string, action: Action, answeredWith: unknown) => {
      if (answeredWith !== latestList.current) return;
      setKept(previous => ({
        ...previous,
        [key]: { action, list: answeredWith },
      }));
    },
    [],
  );

  const keptAction = useCallback(
    (key: string): Action | undefined => kept[key]?.action,
    [kept],
  );

  return { currentList, keep, keptAction };
}
