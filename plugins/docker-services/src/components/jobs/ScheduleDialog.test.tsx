import { renderInTestApp } from '@backstage/frontend-test-utils';
import { JobSummary } from '@docker-services/backstage-plugin-docker-services-common';
import { screen, waitFor, within } from '@testing-library/react';
import { dockerServicesApiRef } from '../../api/DockerServicesApi';
import {
  allow,
  entity,
  fakeApi,
  fastUser,
  mountedRoutes,
  response,
  rowButton,
  UI_TEST_TIMEOUT_MS,
} from '../__testUtils__/servicesFixtures';
import {
  findJobCard,
  jobsResponseWith,
  jobWith,
  reportJob,
} from '../__testUtils__/jobFixtures';
import { JobsSection } from './JobsSection';
import { browserTimeZone } from './scheduleForm';

// Each test renders the section and clicks through a dialog: far more than
// jest's default 5 s on a busy machine with a cold jest cache.
jest.setTimeout(UI_TEST_TIMEOUT_MS);

const target = {
  entityRef: { kind: 'Component', namespace: 'default', name: 'shop-web' },
  host: 'local',
  id: reportJob.containerId,
};
const schedule = reportJob.schedule!;

async function openScheduleOf(job: JobSummary) {
  const api = fakeApi(Promise.resolve(response));
  api.listJobs.mockResolvedValue(jobsResponseWith(job));
  const announce = jest.fn();
  await renderInTestApp(
    <JobsSection
      entity={entity}
      version={0}
      announce={announce}
      onActed={() => {}}
    />,
    { apis: [[dockerServicesApiRef, api], allow], mountedRoutes },
  );
  const user = fastUser();
  const card = await findJobCard(job.containerName);
  await user.click(rowButton(card, `Schedule ${job.containerName}`));
  const dialog = await screen.findByRole('dialog', {
    name: `Schedule ${job.containerName}`,
  });
  return { api, announce, user, card, dialog };
}

describe('ScheduleDialog', () => {
  it('schedules a job every day at a time, in the browser time zone by default', async () => {
    const { api, announce, user, dialog } = await openScheduleOf(
      jobWith({ schedule: undefined }),
    );
    api.setJobSchedule.mockResolvedValue({
      ...schedule,
      cron: '5 14 * * *',
      description: 'every day at 14:05',
      timeZone: browserTimeZone(),
    });
    expect(dialog).toHaveTextContent(
      'demo-data-report-1 has no schedule: it runs only when someone starts it.',
    );
    expect(within(dialog).getByLabelText('Time zone')).toHaveValue(
      browserTimeZone(),
    );
    const time = within(dialog).getByLabelText('Every day at');
    await user.clear(time);
    await user.type(time, '14:05');
    expect(within(dialog).getByTestId('schedule-cron')).toHaveTextContent(
      'As a cron expression: 5 14 * * *',
    );
    await user.click(
      within(dialog).getByRole('button', { name: 'Save schedule' }),
    );

    await waitFor(() =>
      expect(api.setJobSchedule).toHaveBeenCalledWith({
        ...target,
        cron: '5 14 * * *',
        timeZone: browserTimeZone(),
        paused: false,
      }),
    );
    await waitFor(() => expect(dialog).not.toBeInTheDocument());
    expect(announce).toHaveBeenCalledWith(
      `The schedule of demo-data-report-1 is set: it runs every day at 14:05 (${browserTimeZone()}).`,
    );
  });

  it("sends a cron expression with its time zone and reason, and shows the backend's refusal in the dialog", async () => {
    const { api, announce, user, dialog } = await openScheduleOf(reportJob);
    api.setJobSchedule.mockRejectedValueOnce(
      Object.assign(new Error('Request failed with 400 Bad Request'), {
        body: {
          error: {
            name: 'InputError',
            message:
              'A job may run at most every 5 minutes; "*/1 * * * *" runs every minute.',
          },
        },
      }),
    );
    await user.click(within(dialog).getByLabelText('A cron expression'));
    const cron = within(dialog).getByLabelText('Cron expression');
    expect(cron).toHaveValue('0 2 * * *');
    await user.clear(cron);
    await user.type(cron, '*/1 * * * *');
    const zone = within(dialog).getByLabelText('Time zone');
    expect(zone).toHaveValue('Europe/Berlin');
    await user.clear(zone);
    await user.type(zone, 'UTC');
    await user.type(within(dialog).getByLabelText(/Reason/), 'more often');
    await user.click(
      within(dialog).getByRole('button', { name: 'Save schedule' }),
    );

    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'A job may run at most every 5 minutes; "*/1 * * * *" runs every minute.',
    );
    expect(api.setJobSchedule).toHaveBeenCalledWith({
      ...target,
      cron: '*/1 * * * *',
      timeZone: 'UTC',
      paused: false,
      reason: 'more often',
    });
    // The dialog keeps what was typed, so that it can be corrected.
    expect(announce).not.toHaveBeenCalled();
    expect(within(dialog).getByLabelText('Cron expression')).toHaveValue(
      '*/1 * * * *',
    );

    api.setJobSchedule.mockResolvedValueOnce({
      ...schedule,
      cron: '*/5 * * * *',
      timeZone: 'UTC',
      description: 'every 5 minutes',
    });
    const field = within(dialog).getByLabelText('Cron expression');
    await user.clear(field);
    await user.type(field, '*/5 * * * *');
    await user.click(
      within(dialog).getByRole('button', { name: 'Save schedule' }),
    );
    await waitFor(() => expect(dialog).not.toBeInTheDocument());
    expect(announce).toHaveBeenCalledWith(
      'The schedule of demo-data-report-1 is set: it runs every 5 minutes (UTC).',
    );
  });

  it('schedules every hour at a minute', async () => {
    const { api, user, dialog } = await openScheduleOf(reportJob);
    api.setJobSchedule.mockResolvedValue(schedule);
    await user.click(within(dialog).getByLabelText('Every hour at a minute'));
    const minute = within(dialog).getByLabelText('Every hour at minute');
    await user.clear(minute);
    await user.type(minute, '75');
    const save = within(dialog).getByRole('button', { name: 'Save schedule' });
    expect(save).toBeDisabled();
    expect(save).toHaveAccessibleDescription('Enter a minute from 0 to 59.');
    await user.clear(minute);
    await user.type(minute, '15');
    await user.click(save);
    await waitFor(() =>
      expect(api.setJobSchedule).toHaveBeenCalledWith({
        ...target,
        cron: '15 * * * *',
        timeZone: 'Europe/Berlin',
        paused: false,
      }),
    );
  });

  it('shows a paused schedule, resumes it as it is, and removes a schedule with the reason', async () => {
    const paused = jobWith({ schedule: { ...schedule, paused: true } });
    const { api, announce, user, card, dialog } = await openScheduleOf(paused);
    expect(within(card).getByTestId('job-summary')).toHaveTextContent(
      'Schedule paused (every day at 02:00 (Europe/Berlin))',
    );
    expect(dialog).toHaveTextContent(
      'The schedule is paused: it would run every day at 02:00 (Europe/Berlin, cron 0 2 * * *).',
    );
    api.setJobSchedule.mockResolvedValue(schedule);
    await user.click(
      within(dialog).getByRole('button', { name: 'Resume schedule' }),
    );
    await waitFor(() =>
      expect(api.setJobSchedule).toHaveBeenCalledWith({
        ...target,
        cron: '0 2 * * *',
        timeZone: 'Europe/Berlin',
        paused: false,
      }),
    );
    expect(announce).toHaveBeenCalledWith(
      'The schedule of demo-data-report-1 is resumed: it runs every day at 02:00 (Europe/Berlin).',
    );

    await user.click(rowButton(card, 'Schedule demo-data-report-1'));
    const again = await screen.findByRole('dialog', {
      name: 'Schedule demo-data-report-1',
    });
    await user.type(within(again).getByLabelText(/Reason/), 'not needed');
    await user.click(
      within(again).getByRole('button', { name: 'Remove schedule' }),
    );
    await waitFor(() =>
      expect(api.removeJobSchedule).toHaveBeenCalledWith({
        ...target,
        reason: 'not needed',
      }),
    );
    expect(announce).toHaveBeenCalledWith('The schedule was removed.');
  });
});
