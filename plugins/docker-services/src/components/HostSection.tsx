import { InfoCard, WarningPanel } from '@backstage/core-components';
import {
  ContainerSummary,
  HostResult,
} from '@docker-services/backstage-plugin-docker-services-common';
import { Entity } from '@backstage/catalog-model';
import Typography from '@material-ui/core/Typography';
import { ContainerTable } from './ContainerTable';
import { MergedLogsButton } from './logs/MergedLogsButton';

/**
 * One Docker host's answer: its containers, why it has none for this
 * entity, or why it could not be read.
 */
export function HostSection({
  entity,
  host,
  renderState,
  renderActions,
  onOpenDetails,
  highlighted,
}: {
  /** The entity the page is about (the tab has no entity context of its own). */
  entity: Entity;
  host: HostResult;
  /** The container a notification pointed at (see useHighlightedContainer). */
  highlighted?: { host: string; id: string };
  renderState: (container: ContainerSummary) => JSX.Element;
  renderActions: (container: ContainerSummary) => JSX.Element;
  onOpenDetails: (container: ContainerSummary) => void;
}) {
  if (host.status === 'unavailable') {
    return (
      <WarningPanel
        severity="warning"
        title={`Host ${host.name} is unavailable`}
        message={host.error}
      />
    );
  }
  if (host.containers.length === 0) {
    // On a card, as the tables are: secondary text on the page's own
    // background falls short of AA contrast in Backstage's light theme.
    return (
      <InfoCard title={`Host ${host.name}`}>
        <div data-testid={`empty-host-${host.name}`}>
          <Typography variant="body2" color="textSecondary">
            No containers of this component on host {host.name}.
          </Typography>
          {host.emptyReason && (
            <Typography variant="body2" color="textSecondary">
              {host.emptyReason}
            </Typography>
          )}
        </div>
      </InfoCard>
    );
  }
  return (
    <>
      <MergedLogsButton
        entity={entity}
        host={host.name}
        containers={host.containers}
      />
      <ContainerTable
        title={`Host ${host.name}`}
        containers={host.containers}
        renderState={renderState}
        renderActions={renderActions}
        onOpenDetails={onOpenDetails}
        highlightedId={
          highlighted?.host === host.name ? highlighted.id : undefined
        }
      />
    </>
  );
}
