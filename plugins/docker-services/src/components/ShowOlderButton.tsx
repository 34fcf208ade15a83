import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { useEffect, useRef, useState } from 'react';

/**
 * "Show older …" under a newest-first list read page by page. When the
 * last page is in, the button goes; focus moves to the line that replaces
 * it ("All 14 actions are shown.") rather than being lost.
 */
export function ShowOlderButton(props: {
  hasOlder: boolean;
  loadOlder: () => void;
  /** "Show older actions". */
  label: string;
  /** When the label alone does not say whose: "Show older runs of …". */
  accessibleName?: string;
  /** "All 14 actions are shown." */
  allShown: string;
}) {
  const { hasOlder } = props;
  const [paged, setPaged] = useState(false);
  const allShown = useRef<HTMLElement>(null);
  useEffect(() => {
    if (paged && !hasOlder) allShown.current?.focus();
  }, [paged, hasOlder]);
  if (hasOlder) {
    return (
      <Button
        size="small"
        aria-label={props.accessibleName}
        onClick={() => {
          setPaged(true);
          props.loadOlder();
        }}
        style={{ marginTop: 8 }}
      >
        {props.label}
      </Button>
    );
  }
  if (!paged) return null;
  return (
    <Typography
      variant="body2"
      tabIndex={-1}
      ref={allShown}
      style={{ marginTop: 8 }}
    >
      {props.allShown}
    </Typography>
  );
}
