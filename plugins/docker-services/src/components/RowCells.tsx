import { Entity } from '@backstage/catalog-model';
import {
  ContainerAction,
  ContainerSummary,
} from '@docker-services/backstage-plugin-docker-services-common';
import { useAskContext, yourLastAsk } from './askOwners/AskContext';
import { lastPortalStop } from './historyFacts';
import { RowHelpButtons } from './RowHelpButtons';
import { RowState } from './RowState';

/*
 * A row's cells that depend on the page's history read it from the page's
 * context rather than from the table's props: when the history arrives or
 * changes, only these cells render again, not the whole table.
 */

/** A row's state, with the portal's stop that explains it when there is one. */
export function RowStateCell(props: {
  container: ContainerSummary;
  pending?: ContainerAction;
}) {
  const history = useAskContext()?.history;
  return (
    <RowState
      container={props.container}
      pending={props.pending}
      stop={lastPortalStop(props.container, history)}
    />
  );
}

/** A row's help beside its actions, with the user's last ask of the owners. */
export function RowHelpCell(props: {
  container: ContainerSummary;
  entity: Entity;
  onExplain: (question: string) => void;
}) {
  const context = useAskContext();
  return (
    <RowHelpButtons
      container={props.container}
      entity={props.entity}
      owners={context?.owners}
      yourLastAsk={context ? yourLastAsk(context, props.container) : undefined}
      onExplain={props.onExplain}
      onOutcome={message => context?.onAsked(message)}
    />
  );
}
