import {
  createContext,
  ReactNode,
  useContext,
  useEffect,
  useState,
} from 'react';

/** How often relative times ("5 minutes ago", "Running for …") move on. */
export const NOW_TICK_MS = 15_000;

const NowContext = createContext<Date | undefined>(undefined);

/**
 * One clock for a page: its children that show relative times read it with
 * {@link useNow} and re-render when it ticks. One timer for all of them,
 * however many rows show a time.
 */
export function NowProvider(props: {
  children: ReactNode;
  intervalMs?: number;
}) {
  const { intervalMs = NOW_TICK_MS } = props;
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return (
    <NowContext.Provider value={now}>{props.children}</NowContext.Provider>
  );
}

/**
 * The page's clock, which ticks every {@link NOW_TICK_MS}; outside a
 * {@link NowProvider}, the time of the render (it does not tick).
 */
export function useNow(): Date {
  return useContext(NowContext) ?? new Date();
}
