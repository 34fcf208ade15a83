import {
  JobScheduleRequest,
  JobSummary,
} from '@docker-services/backstage-plugin-docker-services-common';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import { ReasonField } from '../confirm/ReasonField';
import {
  browserTimeZone,
  cronOfForm,
  formOfCron,
  ScheduleForm,
} from './scheduleForm';
import { ScheduleFields } from './ScheduleFields';
import { useFocusRing } from '../focusRing';

const TITLE_ID = 'docker-services-schedule-title';
const PROBLEM_ID = 'docker-services-schedule-problem';
const ERROR_ID = 'docker-services-schedule-error';

/** The schedule as it is now, in a sentence above the fields. */
function currentWords(job: JobSummary): string {
  const { schedule } = job;
  if (!schedule)
    return `${job.containerName} has no schedule: it runs only when someone starts it.`;
  const when = `${schedule.description} (${schedule.timeZone}, cron ${schedule.cron})`;
  return schedule.paused
    ? `The schedule is paused: it would run ${when}.`
    : `It runs ${when}.`;
}

/**
 * Sets, changes, pauses, resumes or removes a job's schedule. The dialog
 * stays open until the backend takes the change, and shows its refusal
 * (a cron expression it cannot read, an unknown time zone, runs too
 * frequent) in its words. `onSave` and `onRemove` resolve to that refusal,
 * or undefined once done.
 */
export function ScheduleDialog(props: {
  job: JobSummary;
  onSave: (request: JobScheduleRequest) => Promise<string | undefined>;
  onRemove: (reason?: string) => Promise<string | undefined>;
  onClose: () => void;
}) {
  const { job, onClose } = props;
  const { schedule } = job;
  const [form, setForm] = useState<ScheduleForm>(() =>
    formOfCron(schedule?.cron),
  );
  const [timeZone, setTimeZone] = useState(
    () => schedule?.timeZone ?? browserTimeZone(),
  );
  const [reason, setReason] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string>();
  const parsed = cronOfForm(form);
  const problem = 'problem' in parsed ? parsed.problem : undefined;
  const zoneProblem = timeZone.trim() ? undefined : 'Enter a time zone.';

  const submit = async (send: () => Promise<string | undefined>) => {
    setSaving(true);
    setError(undefined);
    const refusal = await send();
    if (refusal === undefined) {
      onClose();
      return;
    }
    setError(refusal);
    setSaving(false);
  };
  const why = reason.trim() || undefined;
  const save = (request: Omit<JobScheduleRequest, 'reason'>) =>
    submit(() => props.onSave({ ...request, ...(why ? { reason: why } : {}) }));

  const focusRing = useFocusRing();
  let blockedBy: string | undefined;
  if (problem) blockedBy = PROBLEM_ID;
  else if (zoneProblem) blockedBy = 'docker-services-schedule-zone-helper-text';
  return (
    <Dialog
      open
      onClose={onClose}
      aria-labelledby={TITLE_ID}
      PaperProps={{ className: focusRing.root }}
    >
      <DialogTitle id={TITLE_ID}>Schedule {job.containerName}</DialogTitle>
      <DialogContent>
        <DialogContentText>{currentWords(job)}</DialogContentText>
        <ScheduleFields
          form={form}
          onChange={setForm}
          problem={problem}
          problemId={PROBLEM_ID}
        />
        {!problem && form.mode !== 'cron' && 'cron' in parsed && (
          <DialogContentText data-testid="schedule-cron">
            As a cron expression: {parsed.cron}
          </DialogContentText>
        )}
        <TextField
          id="docker-services-schedule-zone"
          label="Time zone"
          fullWidth
          value={timeZone}
          onChange={e => setTimeZone(e.target.value)}
          error={Boolean(zoneProblem)}
          helperText={
            zoneProblem ??
            `An IANA name such as Europe/Berlin or UTC. Your browser's is ${browserTimeZone()}.`
          }
          style={{ marginBottom: 16 }}
        />
        <ReasonField value={reason} onChange={setReason} />
        {error && (
          <Typography
            id={ERROR_ID}
            role="alert"
            color="error"
            variant="body2"
            style={{ marginTop: 16 }}
          >
            {error}
          </Typography>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        {schedule && (
          <>
            <Button
              disabled={saving}
              onClick={() => submit(() => props.onRemove(why))}
            >
              Remove schedule
            </Button>
            <Button
              disabled={saving}
              onClick={() =>
                save({
                  cron: schedule.cron,
                  timeZone: schedule.timeZone,
                  paused: !schedule.paused,
                })
              }
            >
              {schedule.paused ? 'Resume schedule' : 'Pause schedule'}
            </Button>
          </>
        )}
        <Button
          color="primary"
          variant="contained"
          disabled={saving || Boolean(blockedBy)}
          aria-describedby={blockedBy}
          onClick={() =>
            'cron' in parsed &&
            save({
              cron: parsed.cron,
              timeZone: timeZone.trim(),
              paused: schedule?.paused ?? false,
            })
          }
        >
          Save schedule
        </Button>
      </DialogActions>
    </Dialog>
  );
}
