import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormLabel from '@material-ui/core/FormLabel';
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';
import TextField from '@material-ui/core/TextField';
import { ScheduleForm, ScheduleMode } from './scheduleForm';

const MODES: Record<ScheduleMode, string> = {
  daily: 'Every day at a time',
  hourly: 'Every hour at a minute',
  cron: 'A cron expression',
};

/**
 * When a job runs: a mode, and the one field of that mode. `problemId`
 * names the text that says what is wrong with the field, when something is.
 */
export function ScheduleFields(props: {
  form: ScheduleForm;
  onChange: (form: ScheduleForm) => void;
  problem?: string;
  problemId: string;
}) {
  const { form, onChange, problem, problemId } = props;
  const set = (change: Partial<ScheduleForm>) =>
    onChange({ ...form, ...change });
  const fieldProps = {
    fullWidth: true,
    error: Boolean(problem),
    FormHelperTextProps: { id: problemId },
    style: { marginBottom: 16 },
  };
  return (
    <>
      <FormControl component="fieldset" style={{ marginBottom: 8 }}>
        <FormLabel component="legend">When it runs</FormLabel>
        <RadioGroup
          row
          value={form.mode}
          onChange={e => set({ mode: e.target.value as ScheduleMode })}
        >
          {(Object.keys(MODES) as ScheduleMode[]).map(mode => (
            <FormControlLabel
              key={mode}
              value={mode}
              control={<Radio />}
              label={MODES[mode]}
            />
          ))}
        </RadioGroup>
      </FormControl>
      {form.mode === 'daily' && (
        <TextField
          {...fieldProps}
          id="docker-services-schedule-time"
          type="time"
          label="Every day at"
          value={form.time}
          onChange={e => set({ time: e.target.value })}
          helperText={problem ?? 'Hours and minutes, in the time zone below.'}
          InputLabelProps={{ shrink: true }}
        />
      )}
      {form.mode === 'hourly' && (
        <TextField
          {...fieldProps}
          id="docker-services-schedule-minute"
          type="number"
          label="Every hour at minute"
          value={form.minute}
          onChange={e => set({ minute: e.target.value })}
          helperText={problem ?? 'From 0 to 59.'}
          inputProps={{ min: 0, max: 59, step: 1 }}
        />
      )}
      {form.mode === 'cron' && (
        <TextField
          {...fieldProps}
          id="docker-services-schedule-cron"
          label="Cron expression"
          value={form.cron}
          onChange={e => set({ cron: e.target.value })}
          helperText={
            problem ??
            'Five fields, minute first (or six, with seconds first): 30 6 * * 1-5 runs at 06:30 on weekdays.'
          }
          inputProps={{ spellCheck: false }}
        />
      )}
    </>
  );
}
