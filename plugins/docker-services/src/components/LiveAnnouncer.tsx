import { CSSProperties, useCallback, useRef, useState } from 'react';

/** Read by screen readers, not shown. */
export const visuallyHidden: CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  margin: -1,
  padding: 0,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
  border: 0,
};

interface Announcement {
  id: number;
  text: string;
}

/** How many announcements stay in the region (older ones were read). */
const KEPT = 3;

/**
 * Messages for a polite live region: each `announce` adds a node to the
 * region, which screen readers read out once, without interrupting.
 */
export function useAnnouncements() {
  const [announcements, setAnnouncements] = useState<Announcement[]>([]);
  const next = useRef(0);
  const announce = useCallback((...texts: string[]) => {
    if (texts.length === 0) return;
    setAnnouncements(previous =>
      [...previous, ...texts.map(text => ({ id: next.current++, text }))].slice(
        -KEPT,
      ),
    );
  }, []);
  return { announcements, announce };
}

/**
 * The polite live region of the Services tab: state changes that arrive
 * while it is open, and the results of actions.
 */
export function LiveAnnouncer({
  announcements,
}: {
  announcements: Announcement[];
}) {
  return (
    <div
      role="status"
      aria-live="polite"
      data-testid="live-announcements"
      style={visuallyHidden}
    >
      {announcements.map(a => (
        <div key={a.id}>{a.text}</div>
      ))}
    </div>
  );
}
