import { Entity } from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { HistoryEntry } from '@docker-services/backstage-plugin-docker-services-common';
import Typography from '@material-ui/core/Typography';
import { useEntityHistory } from '../hooks/useEntityHistory';
import { describeHistoryAction, portalActorWords } from './actionWords';
import { channelWords } from './historyFacts';
import { NO_WRAP } from './OneLine';
import { ShowOlderButton } from './ShowOlderButton';
import { Ago } from './time/Ago';

const OUTCOME: Record<HistoryEntry['outcome'], string> = {
  // The row is written before Docker is called, and updated when it answers.
  requested: 'Requested, in progress',
  succeeded: 'Done',
  failed: 'Failed',
  unknown: 'Not confirmed',
  // Someone who may not act asked the owners to; nothing was done yet.
  asked: 'Asked the owners',
};

// Backstage's Table writes into a column's style objects: each gets its own.
const columns: TableColumn<HistoryEntry>[] = [
  {
    title: 'When',
    cellStyle: { ...NO_WRAP },
    render: e => <Ago iso={e.createdAt} />,
  },
  {
    title: 'Who',
    cellStyle: { ...NO_WRAP },
    render: e => (
      <>
        {portalActorWords(e.actor) ?? (
          <EntityRefLink entityRef={e.actor} defaultKind="user" />
        )}
        {channelWords(e) && (
          <Typography variant="caption" display="block" color="textSecondary">
            {channelWords(e)}
          </Typography>
        )}
      </>
    ),
  },
  {
    title: 'What',
    // Wide enough that a name is not cut at a hyphen ("demo-shop-/web-2").
    cellStyle: { minWidth: 220 },
    render: describeHistoryAction,
  },
  { title: 'Host', field: 'host', cellStyle: { ...NO_WRAP } },
  { title: 'Reason', render: e => e.reason ?? '—' },
  {
    title: 'Outcome',
    render: e => (e.error ? `${OUTCOME[e.outcome]}: ${e.error}` : outcomeOf(e)),
  },
];

/**
 * A Swarm service's scale or rolling restart is done when Docker accepted
 * it, not when its tasks are replaced: the row says what the portal knows.
 */
function outcomeOf(e: HistoryEntry): string {
  if (e.target === 'service' && e.outcome === 'succeeded' && e.changed) {
    return 'Sent to Docker, which replaces the tasks one by one; the service card shows how far it got';
  }
  return OUTCOME[e.outcome];
}

const TITLE = 'Recent actions';

/** What the history table shows: the rows read so far, and how to read more. */
export interface HistoryTableProps {
  items?: HistoryEntry[];
  error?: Error;
  hasOlder: boolean;
  loadOlder: () => Promise<void>;
}

/**
 * Who did what to the entity's containers, jobs and Swarm services, newest
 * first, with a button for older rows.
 */
export function HistoryTable(props: HistoryTableProps) {
  const { items, error, hasOlder, loadOlder } = props;
  if (error) return <ResponseErrorPanel error={error} />;
  // Building the table costs more than the rest of the tab's first view
  // together, and that first view is what starts the tab's reads: until the
  // rows are in, a light card stands in for it.
  if (!items) {
    return (
      <InfoCard title={TITLE}>
        <Progress aria-label="Reading the recent actions" />
      </InfoCard>
    );
  }
  return (
    <>
      <Table<HistoryEntry>
        title={TITLE}
        // Newest first, as the backend pages it; no sorting or dragging (a
        // drag handle inside a sort button is a nested control).
        options={{
          paging: false,
          search: false,
          sorting: false,
          draggable: false,
          padding: 'dense',
          headerStyle: { ...NO_WRAP },
        }}
        columns={columns}
        data={items}
        emptyContent={
          <Typography variant="body2" style={{ padding: 16 }}>
            Nobody has started, stopped, restarted, scaled or scheduled anything
            of this component from the portal yet.
          </Typography>
        }
      />
      <ShowOlderButton
        hasOlder={hasOlder}
        loadOlder={loadOlder}
        label="Show older actions"
        allShown={`All ${items.length} actions are shown.`}
      />
    </>
  );
}

/**
 * The entity's history on its own, read here; `version` changes after
 * every action, which reloads it.
 */
export function HistoryPanel({
  entity,
  version,
}: {
  entity: Entity;
  version: number;
}) {
  const { items, error, hasOlder, loadOlder } = useEntityHistory(
    entity,
    version,
  );
  return (
    <HistoryTable
      items={items}
      error={error}
      hasOlder={hasOlder}
      loadOlder={loadOlder}
    />
  );
}
