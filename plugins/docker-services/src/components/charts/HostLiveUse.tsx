import { Entity, getCompoundEntityRef } from '@backstage/catalog-model';
import {
  ContainerSummary,
  StatsSample,
} from '@docker-services/backstage-plugin-docker-services-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { useCallback, useState } from 'react';
import { LiveStatsState } from '../../hooks/useLiveStats';
import { formatBytes, formatPercent } from './chartWords';
import { CombinedChart } from './CombinedChart';
import { LiveFeed } from './LiveFeed';
import {
  containerCpuSummary,
  containerMemorySummary,
  ContainerUse,
  notRunningLine,
} from './liveUseWords';

const WAITING: LiveStatsState = {
  samples: [],
  status: 'loading',
  windowSeconds: 15 * 60,
};

/** The two charts: CPU and memory, one line per container on each. */
const CHARTS = [
  {
    title: 'CPU (% of one core)',
    testId: 'live-use-cpu',
    value: (s: StatsSample) => s.cpuPercent,
    summary: containerCpuSummary,
    format: formatPercent,
  },
  {
    title: 'Memory used',
    testId: 'live-use-memory',
    value: (s: StatsSample) => s.memoryUsedBytes,
    summary: containerMemorySummary,
    format: formatBytes,
  },
];

/**
 * "Show live use" of a host section: off by default, so a tab view opens
 * no stats stream. On, it follows each running container of the host
 * (one stream each) and draws one CPU and one memory chart with a line
 * per container; stopped containers are named, not drawn.
 */
export function HostLiveUse(props: {
  entity: Entity;
  host: string;
  containers: ContainerSummary[];
}) {
  const { entity, host, containers } = props;
  const [shown, setShown] = useState(false);
  const [lives, setLives] = useState<Record<string, LiveStatsState>>({});
  const onChange = useCallback(
    (id: string, live: LiveStatsState) =>
      setLives(previous => ({ ...previous, [id]: live })),
    [],
  );
  const toggle = () => {
    setShown(!shown);
    setLives({});
  };
  const entityRef = getCompoundEntityRef(entity);
  const running = containers.filter(c => c.state === 'running');
  const stopped = containers.filter(c => c.state !== 'running');
  const uses: ContainerUse[] = running.map(c => ({
    id: c.id,
    name: c.name,
    live: lives[c.id] ?? WAITING,
  }));
  const windowSeconds = uses[0]?.live.windowSeconds ?? WAITING.windowSeconds;
  const titleId = `live-use-title-${host}`;
  return (
    <Box mb={1}>
      <Box display="flex" justifyContent="flex-end">
        <Button
          variant="outlined"
          size="small"
          aria-pressed={shown}
          onClick={toggle}
        >
          {shown ? 'Hide' : 'Show'} live use on {host}
        </Button>
      </Box>
      {shown && (
        <section aria-labelledby={titleId} data-testid={`live-use-${host}`}>
          {running.map(c => (
            <LiveFeed
              key={c.id}
              target={{ entityRef, host, id: c.id }}
              onChange={onChange}
            />
          ))}
          <Typography variant="h6" component="h3" id={titleId}>
            Live use on {host}, last {Math.round(windowSeconds / 60)} minutes
          </Typography>
          <Typography variant="body2">
            {running.length > 0
              ? 'Updates every few seconds while shown.'
              : 'No container here is running.'}
          </Typography>
          {running.length > 0 &&
            CHARTS.map(chart => (
              <CombinedChart
                key={chart.testId}
                {...chart}
                uses={uses}
                windowSeconds={windowSeconds}
              />
            ))}
          {stopped.length > 0 && (
            <Box component="ul" pl={2} mt={0} data-testid="live-use-stopped">
              {stopped.map(c => (
                <Typography component="li" variant="body2" key={c.id}>
                  {notRunningLine(c.name)}
                </Typography>
              ))}
            </Box>
          )}
        </section>
      )}
    </Box>
  );
}
