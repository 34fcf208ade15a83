import Tooltip from '@material-ui/core/Tooltip';
import { CSSProperties } from 'react';
import { visuallyHidden } from './LiveAnnouncer';

const style = (maxWidth: number | string): CSSProperties => ({
  display: 'inline-block',
  maxWidth,
  overflow: 'hidden',
  textOverflow: 'ellipsis',
  whiteSpace: 'nowrap',
  verticalAlign: 'bottom',
});

/**
 * Text kept on one line, cut with an ellipsis past `maxWidth` (pixels, or
 * a CSS length that follows the window's width). It may show a `short`
 * form of the text; the whole text shows in a tooltip on hover and on
 * keyboard focus (the line is focusable for that), and is what screen
 * readers read.
 */
export function OneLine(props: {
  /** The whole text. */
  full: string;
  /** What the line shows, when shorter than the whole text. */
  short?: string;
  maxWidth: number | string;
  'data-testid'?: string;
}) {
  const { full, short } = props;
  return (
    <Tooltip title={full}>
      <span
        // Focusable so that keyboard users, too, get the whole text (WCAG
        // 1.4.13): the tooltip opens on focus as on hover.
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
        tabIndex={0}
        style={style(props.maxWidth)}
        data-testid={props['data-testid']}
      >
        {short && short !== full ? (
          <>
            <span aria-hidden>{short}</span>
            <span style={visuallyHidden}>{full}</span>
          </>
        ) : (
          full
        )}
      </span>
    </Tooltip>
  );
}

/**
 * A share of the width the page's content has beside Backstage's sidebar
 * (about 280px with the page's margins), for columns that give way on a
 * narrow window: `contentShare(0.22)` is 220px at 1280px, 255px at 1440px.
 */
export function contentShare(share: number): string {
  return `calc((100vw - 280px) * ${share})`;
}

/** Keeps a cell's words together: names, ids, hosts, column heads. */
export const NO_WRAP: CSSProperties = { whiteSpace: 'nowrap' };
