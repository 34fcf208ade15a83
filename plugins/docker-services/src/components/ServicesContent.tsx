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
import { memo, useCallback, useEffect, useState } from 'react';
import { useActionPermissions } from '../hooks/useActionPermissions';
import { useAnnounceDiff } from '../hooks/useAnnounceDiff';
import { useConfirmDeepLink } from '../hooks/useConfirmDeepLink';
import { useContainerAction } from '../hooks/useContainerAction';
import { useContainers } from '../hooks/useContainers';
import { ActionButtons } from './ActionButtons';
import { ConfirmActionDialog } from './ConfirmActionDialog';
import { HistoryPanel } from './HistoryPanel';
import { HostSection } from './HostSection';
import { LogsDrawer } from './logs/LogsDrawer';
import { containerLogSubject } from './logs/logSubject';
import { ContainerDetailsDialog } from './ContainerDetailsDialog';
import { DiagnosisDialog } from './diagnosis/DiagnosisDialog';
import { RowHelpButtons } from './RowHelpButtons';
import { OwnerLine } from './OwnerLine';
import { announceChanges } from './announceChanges';
import { LiveAnnouncer, useAnnouncements } from './LiveAnnouncer';
import { PermissionNote, usePermissionNote } from './PermissionNote';
import { SwarmServicesSection } from './swarm/SwarmServicesSection';
import { JobsSection } from './jobs/JobsSection';

/**
 * The Services tab: the entity's containers on every host, its jobs and its
 * Docker Swarm services, who owns them, and what is wrong when they cannot be
 * listed.
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
const MemoSwarmServicesSection = memo(SwarmServicesSection);
const MemoJobsSection = memo(JobsSection);

function ContainerHosts({ entity }: { entity: Entity }) {
  // The history is re-read after every action and every signalled change
  // (which shows an action of someone else while it runs).
  const [historyVersion, setHistoryVersion] = useState(0);
  const reloadHistory = useCallback(() => setHistoryVersion(v => v + 1), []);
  // The Swarm services and the jobs are re-read on the same signal: a
  // task's container changing is a change to its service, and a job's
  // container starting or ending is a run.
  const [listsVersion, setListsVersion] = useState(0);
  const onChange = useCallback(() => {
    reloadHistory();
    setListsVersion(v => v + 1);
  }, [reloadHistory]);
  const { value, loading, error, retry } = useContainers(entity, onChange);
  const refresh = useCallback(() => {
    retry();
    onChange();
  }, [retry, onChange]);
  const { announcements, announce } = useAnnouncements();
  const { run, busyAction } = useContainerAction(entity, refresh, announce);
  useAnnounceDiff(value, announce, announceChanges);
  const permissionNote = usePermissionNote(entity);
  // Asking the owners adds a row to the history; its answer is read out.
  const onAsked = useCallback(
    (message: string) => {
      announce(message);
      reloadHistory();
    },
    [announce, reloadHistory],
  );
  const [pending, setPending] = useState<{
    container: ContainerSummary;
    action: ContainerAction;
  }>();
  // `until`: the logs end at that moment (opened from "Why did it stop?").
  const [logsOf, setLogsOf] = useState<{
    container: ContainerSummary;
    until?: string;
  }>();
  const [explainOf, setExplainOf] = useState<{
    container: ContainerSummary;
    question: string;
  }>();
  const mayReadLogs = useActionPermissions(entity).logs.allowed;
  // A link such as an "ask the owners" notification's opens a confirmation.
  const deepLink = useConfirmDeepLink({
    entity,
    list: value,
    onOpen: (container, action) => setPending({ container, action }),
  });
  useEffect(() => {
    if (deepLink.notice) announce(deepLink.notice);
  }, [deepLink.notice, announce]);
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
      <span style={{ display: 'inline-flex', flexWrap: 'wrap', gap: 4 }}>
        <ActionButtons
          container={container}
          entity={entity}
          busy={busyAction(container)}
          permissionNote={permissionNote}
          onRequest={action => setPending({ container, action })}
          onOpenLogs={() => setLogsOf({ container })}
        />
        <RowHelpButtons
          container={container}
          entity={entity}
          owners={permissionNote?.owners}
          onExplain={question => setExplainOf({ container, question })}
          onOutcome={onAsked}
        />
      </span>
    ),
    [entity, busyAction, permissionNote, onAsked],
  );
  return (
    <Grid container spacing={2} direction="column">
      <Grid item container alignItems="center" justifyContent="space-between">
        <div>
          <OwnerLine entity={entity} />
          {permissionNote && <PermissionNote note={permissionNote} />}
        </div>
        <Tooltip title="Refresh">
          <IconButton aria-label="Refresh" onClick={refresh}>
            <RefreshIcon />
          </IconButton>
        </Tooltip>
      </Grid>
      <LiveAnnouncer announcements={announcements} />
      {deepLink.notice && (
        <Grid item>
          <WarningPanel
            severity="info"
            title="The link could not be followed"
            message={deepLink.notice}
            defaultExpanded
          />
        </Grid>
      )}
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
      <MemoJobsSection
        entity={entity}
        version={listsVersion}
        announce={announce}
        onActed={onChange}
      />
      <MemoSwarmServicesSection
        entity={entity}
        version={listsVersion}
        announce={announce}
        onActed={reloadHistory}
      />
      <Grid item>
        <MemoHistoryPanel entity={entity} version={historyVersion} />
      </Grid>
      {logsOf && (
        <LogsDrawer
          source={{ kind: 'container', target: targetOf(logsOf.container) }}
          subject={containerLogSubject(logsOf.container)}
          until={logsOf.until}
          onClose={() => setLogsOf(undefined)}
        />
      )}
      {explainOf && (
        // Stays open under the logs it opens: closing them returns there.
        <DiagnosisDialog
          target={targetOf(explainOf.container)}
          containerName={explainOf.container.name}
          question={explainOf.question}
          onOpenLogsAt={
            mayReadLogs
              ? until => setLogsOf({ container: explainOf.container, until })
              : undefined
          }
          onClose={() => setExplainOf(undefined)}
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
          entity={entity}
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
