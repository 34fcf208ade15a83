import Typography from '@material-ui/core/Typography';
import { ContainerTarget } from '../../api/DockerServicesApi';
import { useLiveStats } from '../../hooks/useLiveStats';
import {
  cpuSummary,
  formatBytes,
  formatPercent,
  formatRate,
  memorySummary,
  networkSummary,
  usageLine,
} from './chartWords';
import { ChartSeries, StatsChart } from './StatsChart';

const CPU: ChartSeries[] = [{ key: 'cpuPercent', name: 'CPU' }];
const NETWORK: ChartSeries[] = [
  { key: 'networkInBytesPerSecond', name: 'In (received)' },
  { key: 'networkOutBytesPerSecond', name: 'Out (sent)', dashed: true },
];
const USED: ChartSeries = { key: 'memoryUsedBytes', name: 'Used' };
const LIMIT: ChartSeries = {
  key: 'memoryLimitBytes',
  name: 'Limit',
  dashed: true,
};

/**
 * A running container's CPU, memory and network use over the last minutes,
 * updated every few seconds while shown; above them, the use now in one line.
 */
export function LiveCharts(props: {
  target: ContainerTarget;
  running: boolean;
}) {
  const live = useLiveStats(props.target, props.running);
  const { samples, windowSeconds } = live;
  const minutes = Math.round(windowSeconds / 60);
  const highestUse = Math.max(0, ...samples.map(s => s.memoryUsedBytes));
  const limit = samples[samples.length - 1]?.memoryLimitBytes ?? 0;
  // A limit far above the use (often the host's whole memory) would flatten
  // the line of use: then the limit is said in words only.
  const memorySeries =
    limit > 0 && limit <= 2 * highestUse ? [USED, LIMIT] : [USED];
  return (
    <>
      <Typography variant="body2" gutterBottom data-testid="container-stats">
        {usageLine(props.running, live)}
      </Typography>
      {props.running && (
        <section aria-labelledby="live-charts-title" data-testid="live-charts">
          <Typography variant="h6" component="h3" id="live-charts-title">
            Use over the last {minutes} minutes
          </Typography>
          <Typography variant="caption" color="textSecondary" role="status">
            {live.status === 'live' && 'Updates every few seconds.'}
            {live.status === 'ended' && live.message}
            {live.status === 'failed' && samples.length > 0 && live.message}
          </Typography>
          {[
            {
              title: 'CPU',
              summary: cpuSummary,
              series: CPU,
              format: formatPercent,
            },
            {
              title: 'Memory',
              summary: memorySummary,
              series: memorySeries,
              format: formatBytes,
            },
            {
              title: 'Network',
              summary: networkSummary,
              series: NETWORK,
              format: formatRate,
            },
          ].map(chart => (
            <StatsChart
              key={chart.title}
              title={chart.title}
              testId={chart.title.toLowerCase()}
              summary={chart.summary(samples)}
              samples={samples}
              series={chart.series}
              format={chart.format}
              windowSeconds={windowSeconds}
            />
          ))}
        </section>
      )}
    </>
  );
}
