import { BindingConflict } from '@docker-services/backstage-plugin-docker-services-common';
import Typography from '@material-ui/core/Typography';

/** A container or a Swarm service, which may be bound to several entities. */
interface Bound {
  host: string;
  id: string;
  conflict?: BindingConflict;
}

/** The id of a row's conflict sentence, which its buttons point to. */
export function conflictNoteId(bound: Bound): string {
  return `docker-services-conflict-${bound.host}-${bound.id}`;
}

/**
 * Why nobody may act on a container or service bound to several entities,
 * as the backend words it: shown on the row, and the description of its
 * buttons.
 */
export function ConflictNote({ bound }: { bound: Bound }) {
  if (!bound.conflict) return null;
  return (
    <Typography
      id={conflictNoteId(bound)}
      variant="body2"
      color="error"
      data-testid="container-conflict"
      style={{ maxWidth: '40em' }}
    >
      {bound.conflict.message}
    </Typography>
  );
}
