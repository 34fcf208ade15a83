import TextField from '@material-ui/core/TextField';

const HELP_ID = 'docker-services-type-name-help';

/** The confirm button's accessible description while the name is not typed yet. */
export const TYPE_NAME_HELP_ID = HELP_ID;

/**
 * "Type demo-shop-web-2 to confirm": asked before taking down something of
 * a production component, so that it is not done by a slip of the mouse.
 * `why` says why it is asked; a name typed wrong is said to be wrong, with
 * what was typed.
 */
export function TypeNameField(props: {
  name: string;
  why: string;
  value: string;
  onChange: (value: string) => void;
}) {
  const { name, value } = props;
  const typed = value.trim();
  const matches = typed === name;
  let help = props.why;
  if (matches) help = 'The name matches.';
  else if (typed) help = `Type ${name} exactly; you typed “${typed}”.`;
  return (
    <TextField
      id="docker-services-type-name"
      label={`Type ${name} to confirm`}
      required
      fullWidth
      autoComplete="off"
      value={value}
      onChange={e => props.onChange(e.target.value)}
      // Wrong once it is no longer the start of the name.
      error={typed !== '' && !name.startsWith(typed)}
      inputProps={{ 'aria-describedby': HELP_ID, spellCheck: false }}
      helperText={<span id={HELP_ID}>{help}</span>}
      style={{ marginTop: 16 }}
    />
  );
}
