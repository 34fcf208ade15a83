import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  ContainerSummary,
  dockerContainerLogsPermission,
} from '@docker-services/backstage-plugin-docker-services-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { useMemo, useState } from 'react';
import { getCompoundEntityRef } from '@backstage/catalog-model';
import { LogSource } from '../../hooks/logSource';
import { LogsDrawer } from './LogsDrawer';
import { entityLogSubject } from './logSubject';

/**
 * "Logs of all containers" of a host section: opens the drawer on the
 * entity's containers on that host, merged by time. Shown for two or more.
 */
export function MergedLogsButton(props: {
  entity: Entity;
  host: string;
  containers: ContainerSummary[];
}) {
  const { entity, host, containers } = props;
  const [open, setOpen] = useState(false);
  const { allowed, loading } = usePermission({
    permission: dockerContainerLogsPermission,
    resourceRef: stringifyEntityRef(entity),
  });
  const entityRef = getCompoundEntityRef(entity);
  const source = useMemo<LogSource>(
    () => ({ kind: 'entity', target: { entityRef, host } }),
    // The ref's parts say which entity.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [entityRef.kind, entityRef.namespace, entityRef.name, host],
  );
  if (containers.length < 2) return null;
  const denied = !loading && !allowed;
  return (
    <Box display="flex" alignItems="center" justifyContent="flex-end" mb={1}>
      {denied && (
        <Typography
          variant="body2"
          color="textSecondary"
          id={`merged-logs-why-${host}`}
        >
          You may not read the logs of {entity.metadata.name}.
        </Typography>
      )}
      <Button
        variant="outlined"
        size="small"
        disabled={loading || denied}
        aria-describedby={denied ? `merged-logs-why-${host}` : undefined}
        onClick={() => setOpen(true)}
      >
        Logs of all containers on {host}
      </Button>
      {open && (
        <LogsDrawer
          source={source}
          subject={entityLogSubject(entity.metadata.name, host, containers)}
          onClose={() => setOpen(false)}
        />
      )}
    </Box>
  );
}
