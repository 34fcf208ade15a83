import { LogViewer } from '@backstage/core-components';
import { makeStyles, Theme } from '@material-ui/core/styles';
import { useEffect, useRef } from 'react';

type AnsiColour =
  | 'Black'
  | 'Red'
  | 'Green'
  | 'Yellow'
  | 'Blue'
  | 'Magenta'
  | 'Cyan'
  | 'White'
  | 'Grey';

/**
 * Terminal colours that keep WCAG AA contrast (4.5:1 for the viewer's 12px
 * text) on the theme's paper: LogViewer's own (Material 500 shades, such as
 * red #f44336 at 3.7:1 on white) do not, in either theme.
 */
const FOREGROUND: Record<'light' | 'dark', Record<AnsiColour, string>> = {
  light: {
    Black: '#000000',
    Red: '#c62828',
    Green: '#2e7d32',
    Yellow: '#7a5c00',
    Blue: '#1565c0',
    Magenta: '#8e24aa',
    Cyan: '#006b75',
    White: '#424242',
    Grey: '#616161',
  },
  dark: {
    Black: '#e0e0e0',
    Red: '#ffa4a4',
    Green: '#a5d6a7',
    Yellow: '#fff59d',
    Blue: '#90caf9',
    Magenta: '#e1bee7',
    Cyan: '#80deea',
    White: '#ffffff',
    Grey: '#bdbdbd',
  },
};

/** Backgrounds as tints behind the theme's own text colour. */
const BACKGROUND: Record<'light' | 'dark', Record<AnsiColour, string>> = {
  light: {
    Black: '#e0e0e0',
    Red: '#ffebee',
    Green: '#e8f5e9',
    Yellow: '#fffde7',
    Blue: '#e3f2fd',
    Magenta: '#f3e5f5',
    Cyan: '#e0f7fa',
    White: '#ffffff',
    Grey: '#eeeeee',
  },
  dark: {
    Black: '#212121',
    Red: '#5d1a1a',
    Green: '#1b3d1e',
    Yellow: '#4a3f00',
    Blue: '#0d2a4a',
    Magenta: '#3d1747',
    Cyan: '#00363a',
    White: '#616161',
    Grey: '#303030',
  },
};

const useStyles = makeStyles((theme: Theme) => {
  const mode = theme.palette.type === 'dark' ? 'dark' : 'light';
  const colours: Record<string, Record<'&&', Record<string, string>>> = {};
  // LogViewer's own sheet loads later (it is lazy) and would win a tie:
  // '&&' doubles the class, which outranks it.
  for (const [name, color] of Object.entries(FOREGROUND[mode])) {
    colours[`modifierForeground${name}`] = { '&&': { color } };
  }
  for (const [name, background] of Object.entries(BACKGROUND[mode])) {
    colours[`modifierBackground${name}`] = { '&&': { background } };
  }
  return {
    ...colours,
    lineNumber: { '&&': { color: FOREGROUND[mode].Grey } },
    // The hovered and the selected line are marked at their edge rather than
    // tinted, which would lower the contrast of every colour on them.
    line: {
      '&&:hover': {
        background: 'none',
        boxShadow: `inset 2px 0 0 ${theme.palette.text.primary}`,
      },
    },
    lineSelected: {
      '&&, &&:hover': {
        background: 'none',
        boxShadow: `inset 4px 0 0 ${theme.palette.text.primary}`,
      },
    },
    // Search matches are outlined rather than tinted, which would lower the
    // contrast of coloured text; the current match is also bold.
    textHighlight: {
      '&&': {
        background: 'none',
        outline: `1px dashed ${theme.palette.text.primary}`,
      },
    },
    textSelectedHighlight: {
      '&&': {
        background: 'none',
        outline: `2px solid ${theme.palette.text.primary}`,
        fontWeight: theme.typography.fontWeightBold as number,
      },
    },
  };
});

// The "show only matching lines" toggle tells its state by colour alone.
const useToggleStyles = makeStyles((theme: Theme) => ({
  root: {
    height: '100%',
    '& button[aria-pressed="true"]': {
      background: theme.palette.action.selected,
      outline: `1px solid ${theme.palette.text.primary}`,
    },
  },
}));

/**
 * LogViewer renders each line's number as a link with `role="row"` outside
 * any table, and its search buttons without names. Its markup is not ours to
 * change, so these fix it in place: the rows become plain links named "Line
 * N", the buttons get names, and the filter toggle says whether it is on.
 * React leaves attributes it does not manage alone, so a fix, once made,
 * holds until the element is replaced (then it is made again).
 */
export function fixLogViewerMarkup(root: HTMLElement) {
  for (const link of root.querySelectorAll('a[role="row"]')) {
    link.removeAttribute('role');
    link.setAttribute('aria-label', `Line ${link.textContent}`);
  }
  const input = root.querySelector('input');
  if (input && !input.hasAttribute('aria-label')) {
    input.setAttribute('aria-label', 'Search the log');
  }
  for (const copy of root.querySelectorAll('[data-testid="copy-button"]')) {
    copy.setAttribute('aria-label', 'Copy the selected lines');
  }
  if (!input) return;
  const unnamed = Array.from(
    root.querySelectorAll<HTMLButtonElement>(
      'button:not([aria-label]), button[data-docker-services-named]',
    ),
  ).filter(b => b.dataset.testid !== 'copy-button');
  const before = unnamed.filter(
    b => input.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_PRECEDING,
  );
  const after = unnamed.filter(b => !before.includes(b));
  const name = (button: HTMLButtonElement, label: string) => {
    button.dataset.dockerServicesNamed = 'true';
    if (button.getAttribute('aria-label') !== label) {
      button.setAttribute('aria-label', label);
    }
  };
  if (before.length === 2) {
    name(before[0], 'Previous match');
    name(before[1], 'Next match');
  }
  const filter = after[0];
  if (filter) {
    name(filter, 'Show only matching lines');
    const on = Boolean(filter.querySelector('.MuiSvgIcon-colorPrimary'));
    filter.setAttribute('aria-pressed', String(on));
  }
}

/**
 * Backstage's LogViewer with AA colours in both themes and its markup made
 * accessible (see {@link fixLogViewerMarkup}); what is typed in its search
 * goes to `onSearchChange`.
 */
export function AccessibleLogViewer(props: {
  text: string;
  onDownloadLog: () => void;
  /** The text of LogViewer's search as it is typed (LogViewer keeps it to itself). */
  onSearchChange?: (search: string) => void;
}) {
  const { onSearchChange } = props;
  const classes = useStyles();
  const toggle = useToggleStyles();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const root = ref.current;
    if (!root) return undefined;
    fixLogViewerMarkup(root);
    const observer = new MutationObserver(() => fixLogViewerMarkup(root));
    observer.observe(root, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: ['class'],
    });
    return () => observer.disconnect();
  }, []);
  return (
    <div
      ref={ref}
      className={toggle.root}
      onInput={event => {
        if (event.target instanceof HTMLInputElement)
          onSearchChange?.(event.target.value);
      }}
    >
      <LogViewer
        text={props.text}
        onDownloadLog={props.onDownloadLog}
        // LogViewer merges every class it styles from this prop, though its
        // type names only `root`.
        classes={classes as { root?: string }}
      />
    </div>
  );
}
