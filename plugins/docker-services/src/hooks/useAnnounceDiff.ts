import { useEffect, useRef } from 'react';

/**
 * Announces what changed each time a list is read again: `diff` (a stable
 * function) words the change between the previous reading and this one.
 * The first reading is not announced: it is what the page shows.
 */
export function useAnnounceDiff<T>(
  value: T | undefined,
  announce: (...messages: string[]) => void,
  diff: (before: T, after: T) => string[],
) {
  const previous = useRef<T>();
  useEffect(() => {
    if (!value) return;
    if (previous.current) announce(...diff(previous.current, value));
    previous.current = value;
  }, [value, announce, diff]);
}
