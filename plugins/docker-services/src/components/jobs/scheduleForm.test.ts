import { cronOfForm, formOfCron } from './scheduleForm';

describe('the schedule form', () => {
  it('opens a cron expression in the simplest mode that says it', () => {
    expect(formOfCron('0 2 * * *')).toMatchObject({
      mode: 'daily',
      time: '02:00',
    });
    expect(formOfCron('15 * * * *')).toMatchObject({
      mode: 'hourly',
      minute: '15',
    });
    expect(formOfCron('30 6 * * 1-5')).toMatchObject({
      mode: 'cron',
      cron: '30 6 * * 1-5',
    });
    // A new schedule starts as every day at 02:00.
    expect(formOfCron(undefined)).toMatchObject({
      mode: 'daily',
      time: '02:00',
    });
  });

  it('writes the simple modes as cron, and says what is wrong with a field', () => {
    const form = formOfCron(undefined);
    expect(cronOfForm({ ...form, time: '14:05' })).toEqual({
      cron: '5 14 * * *',
    });
    expect(cronOfForm({ ...form, mode: 'hourly', minute: '7' })).toEqual({
      cron: '7 * * * *',
    });
    expect(
      cronOfForm({ ...form, mode: 'cron', cron: ' 30  6 * * 1-5 ' }),
    ).toEqual({ cron: '30 6 * * 1-5' });
    expect(cronOfForm({ ...form, time: '' })).toEqual({
      problem: 'Enter a time of day, such as 02:00.',
    });
    expect(cronOfForm({ ...form, mode: 'hourly', minute: '60' })).toEqual({
      problem: 'Enter a minute from 0 to 59.',
    });
    expect(cronOfForm({ ...form, mode: 'cron', cron: ' ' })).toEqual({
      problem: 'Enter a cron expression, such as 0 2 * * *.',
    });
  });
});
