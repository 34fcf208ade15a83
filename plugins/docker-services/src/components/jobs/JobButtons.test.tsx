import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { UI_TEST_TIMEOUT_MS } from '../__testUtils__/servicesFixtures';
import { reportJob } from '../__testUtils__/jobFixtures';
import { JobButtons } from './JobButtons';

jest.setTimeout(UI_TEST_TIMEOUT_MS);

describe('JobButtons', () => {
  it('says beside the buttons, in text, why each disabled one is disabled', async () => {
    await renderInTestApp(
      <JobButtons
        job={reportJob}
        reason={button =>
          button === 'run'
            ? 'report-1 is already running.'
            : 'Schedules are off on host local in the portal’s configuration.'
        }
        onRequest={() => {}}
      />,
    );
    const run = screen.getByRole('button', { name: /Run now/ });
    expect(run).toBeDisabled();
    // Visible text, not only a tooltip; and the button's description.
    expect(screen.getByText('report-1 is already running.')).toBeVisible();
    expect(run).toHaveAccessibleDescription('report-1 is already running.');
    expect(
      screen.getByRole('button', { name: /Schedule/ }),
    ).toHaveAccessibleDescription(
      'Schedules are off on host local in the portal’s configuration.',
    );
  });

  it('says a reason both buttons share once', async () => {
    const why =
      'Only the owners of shop-web (team-shop) or an administrator may run its jobs. Ask them.';
    await renderInTestApp(
      <JobButtons job={reportJob} reason={() => why} onRequest={() => {}} />,
    );
    expect(screen.getAllByTestId('job-button-reason')).toHaveLength(1);
    expect(
      screen.getByRole('button', { name: /Schedule/ }),
    ).toHaveAccessibleDescription(why);
  });
});
