import {
  Progress,
  ResponseErrorPanel,
  WarningPanel,
} from '@backstage/core-components';
import { Entity } from '@backstage/catalog-model';
import {
  ContainerListResponse,
  ContainerSummary,
  InvalidSelectorError,
  parseContainerSelector,
} from '@docker-services/backstage-plugin-docker-services-common';
import Grid from '@material-ui/core/Grid';
import IconButton from '@material-ui/core/IconButton';
import Tooltip from '@material-ui/core/Tooltip';
import RefreshIcon from '@material-ui/icons/Refresh';
import { memo, useCallback, useEffect, useMemo, useState } from 'react';
import { useActionPermissions } from '../hooks/useActionPermissions';
import { useAnnounceDiff } from '../hooks/useAnnounceDiff';
import { useConfirmDeepLink } from '../hooks/useConfirmDeepLink';
import { useContainerAction } from '../hooks/useContainerAction';
import { useContainers } from '../hooks/useContainers';
import { useEntityHistory } from '../hooks/useEntityHistory';
import { useSignedInUser } from '../hooks/useSignedInUser';
import { ActionButtons } from './ActionButtons';
import { HistoryTable } from './HistoryPanel';
import { HostSection } from './HostSection';
import { useHighlightedContainer } from '../hooks/useHighlightedContainer';
import { OwnerLine } from './OwnerLine';
import { announceChanges } from './announceChanges';
import { LiveAnnouncer, useAnnouncements } from './LiveAnnouncer';
import { PermissionNote, usePermissionNote } from './PermissionNote';
import { SwarmServicesSection } from './swarm/SwarmServicesSection';
import { JobsSection } from './jobs/JobsSection';
import { useFocusRing } from './focusRing';
import { RowDialogs, useRowDialogs } from './RowDialogs';
import { RowHelpCell, RowStateCell } from './RowCells';
import { SkipToActions } from './SkipToActions';
import { NowProvider } from './time/NowProvider';
import { AskContextProvider } from './askOwners/AskContext';

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
  // One clock for every relative time on the tab.
  return (
    <NowProvider>
      <ContainerHosts entity={entity} />
    </NowProvider>
  );
}

// The tables re-render only when their own data changes, not when a dialog
// opens or a reason is typed: each re-render of a table is costly.
const MemoHostSection = memo(HostSection);
const MemoHistoryTable = memo(HistoryTable);
const MemoSwarmServicesSection = memo(SwarmServicesSection);
const MemoJobsSection = memo(JobsSection);

function ContainerHosts({ entity }: { entity: Entity }) {
  const focusRing = useFocusRing();
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
  const history = useEntityHistory(entity, historyVersion);
  const user = useSignedInUser();
  const refresh = useCallback(() => {
    retry();
    onChange();
  }, [retry, onChange]);
  const { announcements, announce } = useAnnouncements();
  const { run, pendingAction } = useContainerAction({
    entity,
    list: value,
    onDone: refresh,
    onOutcome: announce,
  });
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
  const dialogs = useRowDialogs();
  const { setConfirming, setLogsOf, setExplainOf } = dialogs;
  const mayReadLogs = useActionPermissions(entity).logs.allowed;
  // A link such as an "ask the owners" notification's opens a confirmation.
  const deepLink = useConfirmDeepLink({
    entity,
    list: value,
    onOpen: (container, action) =>
      setConfirming({ container, action, fromLink: true }),
  });
  useEffect(() => {
    if (deepLink.notice) announce(deepLink.notice);
  }, [deepLink.notice, announce]);
  // A notification's link marks the container it is about.
  const highlighted = useHighlightedContainer(Boolean(value));
  const historyItems = history.items;
  const userRef = user?.userEntityRef;
  // Asking the owners, and the history, for the rows and the jobs' buttons.
  const askContext = useMemo(
    () => ({
      entity,
      history: historyItems,
      userRef,
      owners: permissionNote?.owners,
      onAsked,
    }),
    [entity, historyItems, userRef, permissionNote, onAsked],
  );
  // The history reaches the rows' cells through the context above, so that
  // its arrival does not re-render the tables.
  const renderState = useCallback(
    (container: ContainerSummary) => (
      <RowStateCell container={container} pending={pendingAction(container)} />
    ),
    [pendingAction],
  );
  // Stable unless a row's pending action changes, so that opening a dialog
  // or typing a reason does not re-render the tables.
  const renderActions = useCallback(
    (container: ContainerSummary) => (
      <span style={{ display: 'inline-flex', flexWrap: 'wrap', gap: 4 }}>
        <ActionButtons
          container={container}
          entity={entity}
          busy={pendingAction(container)}
          permissionNote={permissionNote}
          onRequest={action => setConfirming({ container, action })}
          onOpenLogs={() => setLogsOf({ container })}
        />
        <RowHelpCell
          container={container}
          entity={entity}
          onExplain={question => setExplainOf({ container, question })}
        />
      </span>
    ),
    [
      entity,
      pendingAction,
      permissionNote,
      setConfirming,
      setLogsOf,
      setExplainOf,
    ],
  );
  return (
    <Grid container spacing={2} direction="column" className={focusRing.root}>
      <Grid item container alignItems="center" justifyContent="space-between">
        <div>
          {hasContainers(value) && <SkipToActions />}
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
      <AskContextProvider value={askContext}>
        {value?.hosts.map(host => (
          <Grid item key={host.name}>
            <MemoHostSection
              entity={entity}
              host={host}
              renderState={renderState}
              renderActions={renderActions}
              onOpenDetails={dialogs.setDetailsOf}
              highlighted={highlighted}
            />
          </Grid>
        ))}
        <MemoJobsSection
          entity={entity}
          version={listsVersion}
          announce={announce}
          onActed={onChange}
        />
      </AskContextProvider>
      <MemoSwarmServicesSection
        entity={entity}
        version={listsVersion}
        announce={announce}
        onActed={reloadHistory}
      />
      <Grid item>
        <MemoHistoryTable
          items={history.items}
          error={history.error}
          hasOlder={history.hasOlder}
          loadOlder={history.loadOlder}
        />
      </Grid>
      <RowDialogs
        entity={entity}
        dialogs={dialogs}
        history={historyItems}
        mayReadLogs={mayReadLogs}
        run={run}
      />
    </Grid>
  );
}

function hasContainers(list?: ContainerListResponse): boolean {
  return Boolean(
    list?.hosts.some(h => h.status === 'ok' && h.containers.length > 0),
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
