import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';

/**
 * A host with none of the entity's containers, in one line: a component
 * whose workload is Swarm services (or jobs elsewhere) shows no empty card
 * above it. Why none are bound, which can take a paragraph, opens on
 * request.
 */
export function EmptyHostLine({
  host,
  emptyReason,
}: {
  host: string;
  emptyReason?: string;
}) {
  const [open, setOpen] = useState(false);
  const reasonId = `empty-host-reason-${host}`;
  return (
    // In the body colour: secondary text on the page's own background
    // falls short of AA contrast in Backstage's light theme.
    <div data-testid={`empty-host-${host}`}>
      <Typography variant="body2" component="span">
        No containers of this component on host {host}.
      </Typography>
      {emptyReason && (
        <>
          {' '}
          <Button
            size="small"
            color="primary"
            aria-expanded={open}
            aria-controls={open ? reasonId : undefined}
            onClick={() => setOpen(o => !o)}
          >
            Why none?
          </Button>
          {open && (
            <Typography variant="body2" id={reasonId}>
              {emptyReason}
            </Typography>
          )}
        </>
      )}
    </div>
  );
}
