import { Table, TableColumn } from '@backstage/core-components';
import Link from '@material-ui/core/Link';
import { ContainerSummary } from '@docker-services/backstage-plugin-docker-services-common';
import Typography from '@material-ui/core/Typography';
import { ConflictNote } from './ConflictNote';
import { contentShare, NO_WRAP, OneLine } from './OneLine';

function formatPorts(container: ContainerSummary): string {
  return container.ports
    .map(p =>
      p.publicPort
        ? `${p.publicPort}→${p.privatePort}/${p.protocol}`
        : `${p.privatePort}/${p.protocol}`,
    )
    .join(', ');
}

// Backstage's Table writes into a column's style objects: each gets its own.

/** Image names can be long; the column stays narrow. */
const IMAGE_MAX_WIDTH = contentShare(0.12);

/**
 * Column dragging puts a focusable handle inside each sortable header (a
 * control nested in a control, which screen readers cannot use): off.
 */
const TABLE_OPTIONS = {
  paging: false,
  search: false,
  padding: 'dense',
  draggable: false,
  // A head is one word or two: never cut inside a word ("Ho/st").
  headerStyle: { ...NO_WRAP },
} as const;

/**
 * The containers of one Docker host, with its state (`renderState`) and a
 * cell of actions per row. Names, ids and hosts stay on one line; a long
 * image name is cut, and shown whole on hover and focus. A container bound
 * to several entities says so under its name.
 */
export function ContainerTable(props: {
  title: string;
  containers: ContainerSummary[];
  renderState: (container: ContainerSummary) => JSX.Element;
  renderActions: (container: ContainerSummary) => JSX.Element;
  onOpenDetails: (container: ContainerSummary) => void;
  /** The container a notification pointed at: its row is marked. */
  highlightedId?: string;
}) {
  const marked = (c: ContainerSummary) => c.id === props.highlightedId;
  const columns: TableColumn<ContainerSummary>[] = [
    {
      title: 'Container',
      field: 'name',
      highlight: true,
      render: c => (
        <>
          <Link
            component="button"
            variant="body2"
            onClick={() => props.onOpenDetails(c)}
            data-testid="container-name"
            title="Details"
            style={{ textAlign: 'left', ...NO_WRAP }}
          >
            {c.name}
          </Link>
          <Typography
            variant="caption"
            color="textSecondary"
            display="block"
            style={NO_WRAP}
          >
            {c.id.slice(0, 12)}
          </Typography>
          <ConflictNote bound={c} />
          {marked(c) && (
            <Typography
              variant="caption"
              display="block"
              data-highlighted-container="true"
              style={NO_WRAP}
            >
              <strong>From your notification</strong>
            </Typography>
          )}
        </>
      ),
    },
    { title: 'State', field: 'state', render: c => props.renderState(c) },
    {
      title: 'Image',
      field: 'image',
      render: c => <OneLine full={c.image} maxWidth={IMAGE_MAX_WIDTH} />,
    },
    // Every row of a table is on its host: nothing to sort.
    { title: 'Host', field: 'host', sorting: false, cellStyle: { ...NO_WRAP } },
    {
      title: 'Ports',
      sorting: false,
      cellStyle: { ...NO_WRAP },
      render: c => formatPorts(c) || '—',
    },
    {
      title: 'Actions',
      sorting: false,
      // Room for two buttons a line: the others' columns do not give way.
      cellStyle: { minWidth: 200 },
      render: c => props.renderActions(c),
    },
  ];
  return (
    <Table<ContainerSummary>
      title={props.title}
      options={{
        ...TABLE_OPTIONS,
        // Marked in words too (under its name), not by colour alone.
        rowStyle: (c: ContainerSummary) =>
          marked(c) ? { outline: '2px solid #2e77d0', outlineOffset: -2 } : {},
      }}
      columns={columns}
      data={props.containers}
    />
  );
}
