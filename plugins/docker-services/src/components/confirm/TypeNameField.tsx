import TextField from '@material-ui/core/TextField';

const HELP_ID = 'docker-services-type-name-help';

/** The confirm button's accessible description while the name is not typed yet. */
export const TYPE_NAME_HELP_ID = HELP_ID;

/**
 * "Type shop-web to confirm": asked before stopping a production service,
 * so that it is not stopped by a slip of the mouse.
 */
export function TypeNameField(props: {
  name: string;
  value: string;
  onChange: (value: string) => void;
}) {
  const { name, value } = props;
  const matches = value.trim() === name;
  return (
    <TextField
      id="docker-services-type-name"
      label={`Type ${name} to confirm`}
      required
      fullWidth
      autoComplete="off"
      value={value}
      onChange={e => props.onChange(e.target.value)}
      inputProps={{ 'aria-describedby': HELP_ID, spellCheck: false }}
      helperText={
        <span id={HELP_ID}>
          {matches
            ? 'The name matches.'
            : `${name} runs in production: stopping it is enabled once you type its name exactly.`}
        </span>
      }
      style={{ marginTop: 16 }}
    />
  );
}
