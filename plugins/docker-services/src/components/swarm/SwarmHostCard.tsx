import { InfoCard, WarningPanel } from '@backstage/core-components';
import {
  SwarmHostResult,
  SwarmServiceSummary,
} from '@docker-services/backstage-plugin-docker-services-common';
import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import ExpandLessIcon from '@material-ui/icons/ExpandLess';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import { useState } from 'react';
import { ColumnHeads } from '../ColumnHeads';
import { ConflictNote } from '../ConflictNote';
import { contentShare, NO_WRAP, OneLine } from '../OneLine';
import { ToneLabel } from '../ToneLabel';
import { modeWords, serviceTone, updateTone } from './serviceWords';
import { TaskList } from './TaskList';
import { updateProgress } from './updateProgress';

const COLUMNS = ['Service', 'Image', 'Mode', 'Tasks', 'Update', 'Actions'];

/**
 * The service's update: while Docker replaces its tasks, how far it is
 * ("Updating 2 of 3 tasks… (1 done)") over Docker's state in words.
 */
function UpdateCell({ service }: { service: SwarmServiceSummary }) {
  if (!service.update) return <>Not updated since it was created</>;
  const progress = updateProgress(service);
  return (
    <>
      <ToneLabel tone={updateTone(service)}>
        {progress ?? service.update.explanation}
      </ToneLabel>
      {progress && (
        <Typography
          variant="caption"
          color="textSecondary"
          display="block"
          data-testid="swarm-update-state"
        >
          {service.update.explanation}
        </Typography>
      )}
    </>
  );
}

/**
 * One service and, when opened, its tasks in a row of their own. The
 * button that opens them says how many there are and whose they are.
 */
function ServiceRows(props: {
  service: SwarmServiceSummary;
  renderActions: (service: SwarmServiceSummary) => JSX.Element;
}) {
  const { service } = props;
  const [open, setOpen] = useState(false);
  const panelId = `docker-services-tasks-${service.host}-${service.id}`;
  const count =
    service.tasks.length === 1 ? '1 task' : `${service.tasks.length} tasks`;
  return (
    <>
      <TableRow data-testid="swarm-service">
        <TableCell component="th" scope="row">
          <Typography variant="body2" component="span" style={NO_WRAP}>
            <strong>{service.name}</strong>
          </Typography>
          <Typography
            variant="caption"
            color="textSecondary"
            display="block"
            style={NO_WRAP}
          >
            {service.id.slice(0, 12)}
          </Typography>
          <ConflictNote bound={service} />
          <Button
            size="small"
            aria-expanded={open}
            aria-controls={open ? panelId : undefined}
            aria-label={`${count} of ${service.name}`}
            startIcon={open ? <ExpandLessIcon /> : <ExpandMoreIcon />}
            onClick={() => setOpen(o => !o)}
          >
            {count}
          </Button>
        </TableCell>
        <TableCell>
          <OneLine full={service.image} maxWidth={contentShare(0.14)} />
        </TableCell>
        <TableCell>{modeWords(service)}</TableCell>
        <TableCell>
          <ToneLabel tone={serviceTone(service)}>{service.summary}</ToneLabel>
        </TableCell>
        <TableCell>
          <UpdateCell service={service} />
        </TableCell>
        <TableCell>{props.renderActions(service)}</TableCell>
      </TableRow>
      {open && (
        <TableRow>
          <TableCell colSpan={COLUMNS.length}>
            <TaskList service={service} id={panelId} />
          </TableCell>
        </TableRow>
      )}
    </>
  );
}

/**
 * One Swarm manager's answer: the entity's services there, each with its
 * tasks on request, or why the manager could not be read.
 */
export function SwarmHostCard(props: {
  host: SwarmHostResult;
  renderActions: (service: SwarmServiceSummary) => JSX.Element;
}) {
  const { host } = props;
  const title = `Swarm services on host ${host.name}`;
  if (host.status === 'unavailable') {
    return (
      <WarningPanel
        severity="warning"
        title={`The Swarm services on host ${host.name} could not be read`}
        message={host.error}
      />
    );
  }
  return (
    <InfoCard
      title={title}
      subheader="Docker Swarm runs each service as tasks (its replicas) on the nodes of the swarm."
      noPadding
    >
      <Table size="small" aria-label={title}>
        <ColumnHeads columns={COLUMNS} />
        <TableBody>
          {host.services.map(service => (
            <ServiceRows
              key={service.id}
              service={service}
              renderActions={props.renderActions}
            />
          ))}
        </TableBody>
      </Table>
    </InfoCard>
  );
}
