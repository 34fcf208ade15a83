import { SwarmServiceSummary } from '@docker-services/backstage-plugin-docker-services-common';
import Typography from '@material-ui/core/Typography';
import { ToneLabel } from '../ToneLabel';
import { taskName, taskStateWords, taskTone, tasksByNode } from './taskWords';

/**
 * A service's tasks, per node: each task's state in words (with a coloured
 * dot, never the dot alone), what is happening in plain words, and Docker's
 * own terms after them. Plain nested lists: nothing in them is interactive.
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
      aria-label={`Tasks of ${service.name}, by node`}
      data-testid="swarm-tasks"
      style={{ margin: '4px 0 8px', paddingLeft: 16 }}
    >
      {tasksByNode(service).map(({ node, tasks }) => (
        <li key={node} data-testid="swarm-node">
          <Typography variant="body2" component="span">
            <strong>{node}</strong>
          </Typography>
          <ul style={{ paddingLeft: 24 }}>
            {tasks.map(task => (
              <li key={task.id} data-testid="swarm-task">
                <Typography variant="body2" component="span">
                  {taskName(task)}:{' '}
                  <ToneLabel tone={taskTone(task)}>
                    {taskStateWords(task)}
                  </ToneLabel>{' '}
                  — {task.explanation}
                </Typography>
                {task.dockerMessage && (
                  <Typography
                    variant="caption"
                    color="textSecondary"
                    display="block"
                  >
                    Docker: {task.dockerMessage}
                    {task.exitCode !== undefined &&
                      ` (exit code ${task.exitCode})`}
                  </Typography>
                )}
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}
