import { StatsSample } from '@docker-services/backstage-plugin-docker-services-common';
import Typography from '@material-ui/core/Typography';
import { makeStyles, Theme, useTheme } from '@material-ui/core/styles';
import { useId } from 'react';
import { Legend, Line, LineChart, ResponsiveContainer } from 'recharts';
import { timeAxes } from './timeAxes';

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
            {timeAxes({
              palette,
              newest: data[data.length - 1]?.at,
              windowSeconds: props.windowSeconds,
              format: props.format,
            })}
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
