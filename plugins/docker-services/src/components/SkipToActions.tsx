import { makeStyles, Theme } from '@material-ui/core/styles';
import { MouseEvent } from 'react';

/** Marks where a row's actions are, for {@link SkipToActions}. */
export const ROW_ACTIONS_ATTRIBUTE = 'data-row-actions';

const useStyles = makeStyles((theme: Theme) => ({
  // Out of sight until it has the focus; then above the tab's first line.
  link: {
    position: 'absolute',
    left: 0,
    top: 0,
    zIndex: theme.zIndex.appBar,
    padding: theme.spacing(1, 2),
    background: theme.palette.background.paper,
    color: theme.palette.primary.main,
    textDecoration: 'underline',
    clipPath: 'inset(50%)',
    whiteSpace: 'nowrap',
    '&:focus': { clipPath: 'none' },
  },
}));

/**
 * "Skip to the actions": the tab's first stop for the keyboard, which
 * jumps past the owner line, the refresh button and the column headers to
 * the first enabled button of the first row.
 */
export function SkipToActions() {
  const classes = useStyles();
  const skip = (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    document
      .querySelector<HTMLElement>(
        `[${ROW_ACTIONS_ATTRIBUTE}] button:not([disabled])`,
      )
      ?.focus();
  };
  return (
    <div style={{ position: 'relative' }}>
      <a href="#actions" className={classes.link} onClick={skip}>
        Skip to the actions
      </a>
    </div>
  );
}
