import { JOB_PIPELINE_ACTOR } from '@docker-services/backstage-plugin-docker-services-common';
import { portalActorWords } from '../actionWords';
import {
  failedPipelineRun,
  ordersPipeline,
  reportStep,
  cleanJob,
  importJob,
} from '../__testUtils__/pipelineFixtures';
import {
  laterStepNote,
  lastPipelineRunSentence,
  runAgainChoices,
  stepAndAfter,
  stepCellDetail,
} from './pipelineWords';

describe('pipeline words', () => {
  const now = new Date(Date.parse(failedPipelineRun.finishedAt!) + 7_200_000);

  it('says the last pipeline run with its time, or that one is going', () => {
    expect(lastPipelineRunSentence(ordersPipeline, now)).toBe(
      'Last pipeline run: failed at report (code 3) after import and clean succeeded, 2 hours ago',
    );
    const going = {
      ...ordersPipeline,
      runs: [
        {
          ...failedPipelineRun,
          status: 'running' as const,
          summary: 'running: clean (step 2 of 3)',
        },
      ],
    };
    expect(lastPipelineRunSentence(going, now)).toMatch(
      /^Pipeline run 2 is running: clean \(step 2 of 3\), started 2 hours ago$/,
    );
    expect(lastPipelineRunSentence({ ...ordersPipeline, runs: [] })).toBe(
      'No pipeline run recorded yet',
    );
  });

  it('gives a cell its words, duration and attempts', () => {
    const [, , report] = failedPipelineRun.steps;
    expect(stepCellDetail(report, now)).toBe(
      'failed after 4 min with code 3 (the program reported an error) · took 4 min',
    );
    expect(stepCellDetail({ ...report, attempts: 3 }, now)).toMatch(
      / · 3 attempts$/,
    );
    expect(
      stepCellDetail({
        step: 'report',
        state: 'not-run',
        summary: 'not run: clean failed',
        attempts: 0,
      }),
    ).toBe('not run: clean failed');
  });

  it('offers to run again from a step whose steps before succeeded, the failed one first', () => {
    expect(runAgainChoices(ordersPipeline, failedPipelineRun)).toEqual([
      'report',
      'import',
      'clean',
    ]);
    const importFailed = {
      ...failedPipelineRun,
      steps: failedPipelineRun.steps.map((s, i) =>
        i === 0
          ? { ...s, state: 'failed' as const }
          : { ...s, state: 'not-run' as const },
      ),
    };
    expect(runAgainChoices(ordersPipeline, importFailed)).toEqual(['import']);
    expect(
      runAgainChoices(ordersPipeline, {
        ...failedPipelineRun,
        status: 'running',
      }),
    ).toEqual([]);
    expect(stepAndAfter(ordersPipeline, 'clean')).toEqual(['clean', 'report']);
  });

  it('says why a later step has no Run now of its own; a first step has none', () => {
    expect(laterStepNote(reportStep, [ordersPipeline])).toBe(
      'report runs in the pipeline import after clean: run the pipeline, or run it again from this step.',
    );
    expect(laterStepNote(importJob, [ordersPipeline])).toBeUndefined();
    expect(
      laterStepNote(cleanJob, [{ ...ordersPipeline, problem: 'a cycle' }]),
    ).toBe(
      'clean is in the pipeline import, which does not run (see the pipeline above).',
    );
    expect(
      laterStepNote({ ...cleanJob, host: 'other' }, [ordersPipeline]),
    ).toBeUndefined();
  });
});

describe('who acted, for the pipeline', () => {
  it("names the pipeline's own starts in words", () => {
    expect(portalActorWords(JOB_PIPELINE_ACTOR)).toBe('The pipeline');
  });
});
