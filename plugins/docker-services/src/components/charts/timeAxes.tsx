import { Palette } from '@material-ui/core/styles/createPalette';
import { CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';

const clock = (ms: number) =>
  new Date(ms).toLocaleTimeString(undefined, {
    hour: '2-digit',
    minute: '2-digit',
  });

/**
 * The grid, time axis (the last `windowSeconds` up to the newest sample,
 * four clock times along it), value axis and tooltip shared by the live
 * charts, in the theme's colours. An array, as recharts finds its parts
 * among the chart's direct children.
 */
export function timeAxes(props: {
  palette: Palette;
  /** Milliseconds of the newest sample; now when there is none. */
  newest: number | undefined;
  windowSeconds: number;
  format: (value: number) => string;
}) {
  const { palette, format } = props;
  const end = props.newest ?? Date.now();
  const start = end - props.windowSeconds * 1000;
  const ticks = [0, 1, 2, 3].map(i => start + ((end - start) * i) / 3);
  return [
    <CartesianGrid key="grid" stroke={palette.divider} strokeDasharray="2 4" />,
    <XAxis
      key="x"
      dataKey="at"
      type="number"
      scale="time"
      domain={[start, end]}
      ticks={ticks}
      tickFormatter={clock}
      stroke={palette.text.secondary}
      allowDataOverflow
    />,
    <YAxis
      key="y"
      tickFormatter={format}
      width={72}
      stroke={palette.text.secondary}
      domain={[0, 'auto']}
    />,
    <Tooltip
      key="tooltip"
      labelFormatter={value => clock(Number(value))}
      formatter={(value: number) => format(value)}
      contentStyle={{
        background: palette.background.paper,
        color: palette.text.primary,
      }}
    />,
  ];
}
