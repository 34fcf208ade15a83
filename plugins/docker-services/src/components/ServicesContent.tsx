import {
  Progress,
  ResponseErrorPanel,
  WarningPanel,
} from '@backstage/core-components';
import { Entity, getCompoundEntityRef } from '@backstage/catalog-model';
import {
  ContainerAction,
  ContainerSummary,
  InvalidSelectorError,
  parseContainerSelector,
} from '@docker-services/backstage-plugin-docker-services-common';
import Grid from '@material-ui/core/Grid';
import IconButton from '@material-ui/core/IconButton';
import Tooltip from '@material-ui/core/Tooltip';
import RefreshIcon from '@material-ui/icons/Refresh';
import { memo, useCallback, useState } from 'react';
import { useContainerAction } from '../hooks/useContainerAction';
import { useContainers } from '../hooks/useContainers';
import { ActionButtons } from './ActionButtons';
import { ConfirmActionDialog } from './ConfirmActionDialog';
import { HistoryPanel } from './HistoryPanel';
import { HostSection } from './HostSection';
import { LogsDrawer } from './logs/LogsDrawer';
import { ContainerDetailsDialog } from './ContainerDetailsDialog';
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

// The tables re-render only when their own data changes, not when a dialog
// opens or a reason is typed: each re-render of a table is costly.
const MemoHostSection = memo(HostSection);
const MemoHistoryPanel = memo(HistoryPanel);

function ContainerHosts({ entity }: { entity: Entity }) {
  // The history is re-read after every action and every signalled change
  // (which shows an action of someone else while it runs).
  const [historyVersion, setHistoryVersion] = useState(0);
  const reloadHistory = useCallback(() => setHistoryVersion(v => v + 1), []);
  const { value, loading, error, retry } = useContainers(entity, reloadHistory);
  const refresh = useCallback(() => {
    retry();
    reloadHistory();
  }, [retry, reloadHistory]);
  const { run, busyAction } = useContainerAction(entity, refresh);
  const [pending, setPending] = useState<{
    container: ContainerSummary;
    action: ContainerAction;
  }>();
  const [logsOf, setLogsOf] = useState<ContainerSummary>();
  const [detailsOf, setDetailsOf] = useState<ContainerSummary>();
  const targetOf = (container: ContainerSummary) => ({
    entityRef: getCompoundEntityRef(entity),
    host: container.host,
    id: container.id,
  });
  // Stable unless a row's busy state changes, so that opening a dialog or
  // typing a reason does not re-render the tables.
  const renderActions = useCallback(
    (container: ContainerSummary) => (
      <ActionButtons
        container={container}
        entity={entity}
        busy={busyAction(container)}
        onRequest={action => setPending({ container, action })}
        onOpenLogs={() => setLogsOf(container)}
      />
    ),
    [entity, busyAction],
  );
  return (
    <Grid container spacing={2} direction="column">
      <Grid item container alignItems="center" justifyContent="space-between">
        <OwnerLine entity={entity} />
        <Tooltip title="Refresh">
          <IconButton aria-label="Refresh" onClick={refresh}>
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
          <MemoHostSection
            host={host}
            renderActions={renderActions}
            onOpenDetails={setDetailsOf}
          />
        </Grid>
      ))}
      <Grid item>
        <MemoHistoryPanel entity={entity} version={historyVersion} />
      </Grid>
      {logsOf && (
        <LogsDrawer
          target={targetOf(logsOf)}
          container={logsOf}
          onClose={() => setLogsOf(undefined)}
        />
      )}
      {detailsOf && (
        <ContainerDetailsDialog
          target={targetOf(detailsOf)}
          container={detailsOf}
          onClose={() => setDetailsOf(undefined)}
        />
      )}
      {pending && (
        <ConfirmActionDialog
          action={pending.action}
          containerName={pending.container.name}
          onCancel={() => setPending(undefined)}
          onConfirm={reason => {
            setPending(undefined);
            run(pending.container, pending.action, reason);
          }}
        />
      )}
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
