import { StatsSample } from '@docker-services/backstage-plugin-docker-services-common';
import Typography from '@material-ui/core/Typography';
import { makeStyles, Theme, useTheme } from '@material-ui/core/styles';
import { useId } from 'react';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

/** One line of a chart: a solid or dashed stroke (never colour alone) and a name. */
export interface ChartSeries {
  key: Exclude<keyof StatsSample, 'time'>;
  name: string;
  dashed?: boolean;
}

const useStyles = makeStyles((theme: Theme) => ({
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(2),
    marginTop: theme.spacing(1),
  },
  chart: { flex: '2 1 320px', minWidth: 0, height: 150 },
  summary: { flex: '1 1 180px' },
}));

const clock = (ms: number) =>
  new Date(ms).toLocaleTimeString(undefined, {
    hour: '2-digit',
    minute: '2-digit',
  });

/**
 * One live chart over the last `windowSeconds`, and beside it the same in
 * words (now, lowest, highest) for screen readers and for anyone who
 * reads numbers better than lines.
 */
export function StatsChart(props: {
  title: string;
  summary: string;
  samples: StatsSample[];
  series: ChartSeries[];
  format: (value: number) => string;
  windowSeconds: number;
  testId: string;
}) {
  const classes = useStyles();
  const summaryId = useId();
  const { palette } = useTheme();
  // Readable on light and dark paper: the theme's primary, and its
  // secondary text colour dashed.
  const colors = [palette.primary.main, palette.text.secondary];
  const data = props.samples.map(s => ({ ...s, at: Date.parse(s.time) }));
  const end = data.length ? data[data.length - 1].at : Date.now();
  const start = end - props.windowSeconds * 1000;
  // Four times along the window: its start, two between, and now.
  const ticks = [0, 1, 2, 3].map(i => start + ((end - start) * i) / 3);
  return (
    <div className={classes.row}>
      <div
        className={classes.chart}
        role="img"
        aria-label={`${props.title} chart`}
        aria-describedby={summaryId}
        data-testid={`${props.testId}-chart`}
      >
        <ResponsiveContainer width="100%" height="100%">
          <LineChart
            data={data}
            margin={{ top: 4, right: 8, bottom: 0, left: 8 }}
          >
            <CartesianGrid stroke={palette.divider} strokeDasharray="2 4" />
            <XAxis
              dataKey="at"
              type="number"
              scale="time"
              domain={[start, end]}
              ticks={ticks}
              tickFormatter={clock}
              stroke={palette.text.secondary}
              allowDataOverflow
            />
            <YAxis
              tickFormatter={props.format}
              width={72}
              stroke={palette.text.secondary}
              domain={[0, 'auto']}
            />
            <Tooltip
              labelFormatter={value => clock(Number(value))}
              formatter={(value: number) => props.format(value)}
              contentStyle={{
                background: palette.background.paper,
                color: palette.text.primary,
              }}
            />
            {props.series.length > 1 && <Legend />}
            {props.series.map((line, index) => (
              <Line
                key={line.key}
                dataKey={line.key}
                name={line.name}
                stroke={colors[index % colors.length]}
                strokeWidth={2}
                strokeDasharray={line.dashed ? '6 4' : undefined}
                dot={false}
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
      <Typography
        variant="body2"
        id={summaryId}
        className={classes.summary}
        data-testid={`${props.testId}-summary`}
      >
        {props.summary}
      </Typography>
    </div>
  );
}
