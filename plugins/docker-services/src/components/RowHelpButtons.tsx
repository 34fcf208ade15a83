import { Entity } from '@backstage/catalog-model';
import {
  ContainerSummary,
  HistoryEntry,
} from '@docker-services/backstage-plugin-docker-services-common';
import { OwnerTitle } from '../hooks/useOwnerTitles';
import { AskOwnersButton } from './askOwners/AskOwnersButton';
import { WhyButton } from './diagnosis/WhyButton';

/**
 * The row's help beside its actions: "Why did it stop?" when there is
 * something to explain, and "Ask the owners to …" for users who may not
 * act themselves.
 */
export function RowHelpButtons(props: {
  container: ContainerSummary;
  entity: Entity;
  owners?: OwnerTitle[];
  /** The signed-in user's newest request to the owners about it. */
  yourLastAsk?: HistoryEntry;
  onExplain: (question: string) => void;
  onOutcome: (message: string) => void;
}) {
  return (
    <>
      <WhyButton container={props.container} onExplain={props.onExplain} />
      <AskOwnersButton
        container={props.container}
        entity={props.entity}
        owners={props.owners}
        yourLastAsk={props.yourLastAsk}
        onOutcome={props.onOutcome}
      />
    </>
  );
}
