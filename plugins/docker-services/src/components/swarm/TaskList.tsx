import { SwarmServiceSummary } from '@docker-services/backstage-plugin-docker-services-common';
import Typography from '@material-ui/core/Typography';
import { ToneLabel } from '../ToneLabel';
import { TaskEntry, taskGroups } from './taskGroups';
import { taskDockerTerms, taskTone } from './taskWords';

/** One task's line (a coloured dot, never the dot alone) and Docker's terms. */
function TaskLine({ entry, label }: { entry: TaskEntry; label: string }) {
  const terms = taskDockerTerms(entry.task);
  return (
    <>
      <Typography variant="body2" component="span">
        {label}: <ToneLabel tone={taskTone(entry.task)}>{entry.line}</ToneLabel>
      </Typography>
      {terms && (
        <Typography variant="caption" color="textSecondary" display="block">
          {terms}
        </Typography>
      )}
    </>
  );
}

/**
 * A service's tasks, by replica: each replica once, with what its task is
 * doing in plain words (its state said once), Docker's own terms under it,
 * and, nested and secondary, an older task it replaces. Plain nested lists:
 * nothing in them is interactive.
 */
export function TaskList({
  service,
  id,
}: {
  service: SwarmServiceSummary;
  id: string;
}) {
  if (service.tasks.length === 0) {
    return (
      <Typography variant="body2" id={id} data-testid="swarm-tasks">
        {service.name} has no tasks now.
      </Typography>
    );
  }
  return (
    <ul
      id={id}
      aria-label={`Tasks of ${service.name}, by replica`}
      data-testid="swarm-tasks"
      style={{ margin: '4px 0 8px', paddingLeft: 16 }}
    >
      {taskGroups(service).map(group => (
        <li key={group.current.task.id} data-testid="swarm-task-group">
          <div data-testid="swarm-task">
            <TaskLine entry={group.current} label={group.name} />
          </div>
          {group.older.length > 0 && (
            <ul
              aria-label={`Older tasks of ${group.name}`}
              style={{ paddingLeft: 24 }}
            >
              {group.older.map(entry => (
                <li key={entry.task.id} data-testid="swarm-task">
                  <TaskLine entry={entry} label="Older task" />
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ul>
  );
}
