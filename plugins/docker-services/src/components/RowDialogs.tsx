import { Entity, getCompoundEntityRef } from '@backstage/catalog-model';
import {
  ContainerAction,
  ContainerSummary,
  HistoryEntry,
} from '@docker-services/backstage-plugin-docker-services-common';
import { useState } from 'react';
import { ConfirmActionDialog } from './ConfirmActionDialog';
import { ContainerDetailsDialog } from './ContainerDetailsDialog';
import { DiagnosisDialog } from './diagnosis/DiagnosisDialog';
import { newestAsk } from './historyFacts';
import { LogsDrawer } from './logs/LogsDrawer';
import { containerLogSubject } from './logs/logSubject';

/** A confirmation to show; `fromLink` when a link (an owners' notification) asked for it. */
export interface Confirming {
  container: ContainerSummary;
  action: ContainerAction;
  fromLink?: boolean;
}

/**
 * Which of a row's dialogs are open: the confirmation of an action, its
 * logs (`until`: they end at that moment, opened from "Why did it stop?"),
 * why it stopped, its details. The setters keep their identity.
 */
export function useRowDialogs() {
  const [confirming, setConfirming] = useState<Confirming>();
  const [logsOf, setLogsOf] = useState<{
    container: ContainerSummary;
    until?: string;
  }>();
  const [explainOf, setExplainOf] = useState<{
    container: ContainerSummary;
    question: string;
  }>();
  const [detailsOf, setDetailsOf] = useState<ContainerSummary>();
  return {
    confirming,
    setConfirming,
    logsOf,
    setLogsOf,
    explainOf,
    setExplainOf,
    detailsOf,
    setDetailsOf,
  };
}

/** The open dialogs of the container rows. */
export function RowDialogs(props: {
  entity: Entity;
  dialogs: ReturnType<typeof useRowDialogs>;
  /** The history, newest first: who asked for a linked confirmation, and why. */
  history?: HistoryEntry[];
  mayReadLogs: boolean;
  run: (
    container: ContainerSummary,
    action: ContainerAction,
    reason?: string,
  ) => void;
}) {
  const { entity, dialogs, mayReadLogs } = props;
  const { confirming, logsOf, explainOf, detailsOf } = dialogs;
  const targetOf = (container: ContainerSummary) => ({
    entityRef: getCompoundEntityRef(entity),
    host: container.host,
    id: container.id,
  });
  return (
    <>
      {logsOf && (
        <LogsDrawer
          source={{ kind: 'container', target: targetOf(logsOf.container) }}
          subject={containerLogSubject(logsOf.container)}
          until={logsOf.until}
          onClose={() => dialogs.setLogsOf(undefined)}
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
              ? until =>
                  dialogs.setLogsOf({ container: explainOf.container, until })
              : undefined
          }
          onClose={() => dialogs.setExplainOf(undefined)}
        />
      )}
      {detailsOf && (
        <ContainerDetailsDialog
          target={targetOf(detailsOf)}
          container={detailsOf}
          onClose={() => dialogs.setDetailsOf(undefined)}
        />
      )}
      {confirming && (
        <ConfirmActionDialog
          action={confirming.action}
          containerName={confirming.container.name}
          entity={entity}
          askedBy={
            confirming.fromLink
              ? newestAsk(props.history, {
                  container: confirming.container,
                  action: confirming.action,
                })
              : undefined
          }
          onCancel={() => dialogs.setConfirming(undefined)}
          onConfirm={reason => {
            dialogs.setConfirming(undefined);
            props.run(confirming.container, confirming.action, reason);
          }}
        />
      )}
    </>
  );
}
