import { WarningPanel } from '@backstage/core-components';
import {
  ContainerSummary,
  HostResult,
} from '@docker-services/backstage-plugin-docker-services-common';
import { Entity } from '@backstage/catalog-model';
import { ContainerTable } from './ContainerTable';
import { EmptyHostLine } from './EmptyHostLine';
import { MergedLogsButton } from './logs/MergedLogsButton';
import { HostLiveUse } from './charts/HostLiveUse';

/**
 * One Docker host's answer: its containers, one line saying it has none
 * for this entity (why, on request), or why it could not be read.
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
    return <EmptyHostLine host={host.name} emptyReason={host.emptyReason} />;
  }
  return (
    <>
      <MergedLogsButton
        entity={entity}
        host={host.name}
        containers={host.containers}
      />
      <HostLiveUse
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
