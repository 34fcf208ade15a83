import { ContainerSummary } from '@docker-services/backstage-plugin-docker-services-common';
import Typography from '@material-ui/core/Typography';

/** The id of a container's conflict sentence, which its buttons point to. */
export function conflictNoteId(container: ContainerSummary): string {
  return `docker-services-conflict-${container.host}-${container.id}`;
}

/**
 * Why nobody may act on a container bound to several entities, as the
 * backend words it: shown on the row, and the description of its buttons.
 */
export function ConflictNote({ container }: { container: ContainerSummary }) {
  if (!container.conflict) return null;
  return (
    <Typography
      id={conflictNoteId(container)}
      variant="body2"
      color="error"
      data-testid="container-conflict"
      style={{ maxWidth: '40em' }}
    >
      {container.conflict.message}
    </Typography>
  );
}
