import {
  Progress,
  ResponseErrorPanel,
  WarningPanel,
} from '@backstage/core-components';
import { Entity } from '@backstage/catalog-model';
import {
  InvalidSelectorError,
  parseContainerSelector,
} from '@internal/backstage-plugin-docker-services-common';
import Grid from '@material-ui/core/Grid';
import IconButton from '@material-ui/core/IconButton';
import Tooltip from '@material-ui/core/Tooltip';
import RefreshIcon from '@material-ui/icons/Refresh';
import { useContainers } from '../hooks/useContainers';
import { HostSection } from './HostSection';
import { OwnerLine } from './OwnerLine';

/**
 * The Services tab: the entity's containers on every host, who owns them,
 * and what is wrong when they cannot be listed.
 */
export function ServicesContent({ entity }: { entity: Entity }) {
  const selectorError = checkSelector(entity);
  if (selectorError) {
    return (
      <WarningPanel
        severity="error"
        title="This component's docker-services annotation cannot be used"
        message={selectorError}
      />
    );
  }
  return <ContainerHosts entity={entity} />;
}

function ContainerHosts({ entity }: { entity: Entity }) {
  const { value, loading, error, retry } = useContainers(entity);
  return (
    <Grid container spacing={2} direction="column">
      <Grid item container alignItems="center" justifyContent="space-between">
        <OwnerLine entity={entity} />
        <Tooltip title="Refresh">
          <IconButton aria-label="Refresh" onClick={retry}>
            <RefreshIcon />
          </IconButton>
        </Tooltip>
      </Grid>
      {loading && !value && (
        <Grid item>
          <Progress />
        </Grid>
      )}
      {error && (
        <Grid item>
          <ResponseErrorPanel error={error} />
        </Grid>
      )}
      {value?.hosts.map(host => (
        <Grid item key={host.name}>
          <HostSection host={host} />
        </Grid>
      ))}
    </Grid>
  );
}

function checkSelector(entity: Entity): string | undefined {
  try {
    parseContainerSelector(entity.metadata.annotations);
    return undefined;
  } catch (error) {
    if (error instanceof InvalidSelectorError) return error.message;
    throw error;
  }
}
