import { makeStyles, Theme } from '@material-ui/core/styles';

/**
 * A focus ring that shows where the keyboard is in both themes: 2px of the
 * theme's primary colour (dark blue on the light theme's paper, light blue
 * on the dark one's), apart from the control. For the tab's root and its
 * dialogs' paper (dialogs render outside the tab).
 */
export const useFocusRing = makeStyles(
  (theme: Theme) => ({
    root: {
      '& button:focus-visible, & a:focus-visible, & [tabindex]:focus-visible, & .Mui-focusVisible':
        {
          outline: `2px solid ${theme.palette.primary.main}`,
          outlineOffset: 2,
        },
    },
  }),
  { name: 'DockerServicesFocusRing' },
);
