import { StatsSample } from '@docker-services/backstage-plugin-docker-services-common';
import Typography from '@material-ui/core/Typography';
import { makeStyles, Theme, useTheme } from '@material-ui/core/styles';
import { useId } from 'react';
import { Legend, Line, LineChart, ResponsiveContainer } from 'recharts';
import { timeAxes } from './timeAxes';
import { ContainerUse } from './liveUseWords';

const useStyles = makeStyles((theme: Theme) => ({
  chart: { height: 180, marginTop: theme.spacing(1) },
  summary: { margin: theme.spacing(0.5, 0, 1), paddingLeft: theme.spacing(2) },
}));

/** Strokes besides colour, so no line is told apart by colour alone. */
const DASHES = [undefined, '8 4', '3 3', '12 4 3 4', '2 4'];

/**
 * One live chart with a line per container (its name in the legend, its
 * own stroke), and under it one line of words per container: now, lowest,
 * highest.
 */
export function CombinedChart(props: {
  title: string;
  testId: string;
  uses: ContainerUse[];
  value: (sample: StatsSample) => number;
  summary: (use: ContainerUse) => string;
  format: (value: number) => string;
  windowSeconds: number;
}) {
  const classes = useStyles();
  const summaryId = useId();
  const { palette } = useTheme();
  // The theme's own colours, so lines read on light and dark paper.
  const colors = [
    palette.primary.main,
    palette.secondary.main,
    palette.warning.dark,
    palette.success.dark,
    palette.text.secondary,
  ];
  const lines = props.uses.map(use => ({
    ...use,
    data: use.live.samples.map(s => ({
      at: Date.parse(s.time),
      value: props.value(s),
    })),
  }));
  const newest = Math.max(0, ...lines.flatMap(l => l.data.map(d => d.at)));
  return (
    <div data-testid={`${props.testId}-combined`}>
      <Typography variant="subtitle2" component="h4">
        {props.title}
      </Typography>
      <div
        className={classes.chart}
        role="img"
        aria-label={`${props.title} chart, one line per container`}
        aria-describedby={summaryId}
      >
        <ResponsiveContainer width="100%" height="100%">
          <LineChart margin={{ top: 4, right: 8, bottom: 0, left: 8 }}>
            {timeAxes({
              palette,
              newest: newest || undefined,
              windowSeconds: props.windowSeconds,
              format: props.format,
            })}
            <Legend />
            {lines.map((line, index) => (
              <Line
                key={line.id}
                data={line.data}
                dataKey="value"
                name={line.name}
                stroke={colors[index % colors.length]}
                strokeWidth={2}
                strokeDasharray={DASHES[index % DASHES.length]}
                legendType="plainline"
                dot={false}
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
      <ul id={summaryId} className={classes.summary}>
        {props.uses.map(use => (
          <Typography
            component="li"
            variant="body2"
            key={use.id}
            data-testid={`${props.testId}-summary`}
          >
            {props.summary(use)}
          </Typography>
        ))}
      </ul>
    </div>
  );
}
