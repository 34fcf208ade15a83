import TextField from '@material-ui/core/TextField';

const MAX_REASON = 500;

/** The optional reason of an action, written to the history. */
export function ReasonField(props: {
  value: string;
  onChange: (reason: string) => void;
}) {
  return (
    <TextField
      id="docker-services-action-reason"
      label="Reason (optional, shown in the history)"
      fullWidth
      value={props.value}
      onChange={e => props.onChange(e.target.value.slice(0, MAX_REASON))}
      inputProps={{ maxLength: MAX_REASON }}
    />
  );
}
