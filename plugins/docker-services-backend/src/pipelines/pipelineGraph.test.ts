import {
  findPipelines,
  firstSteps,
  JobNode,
  stepAndAfter,
} from './pipelineGraph';

const job = (name: string, ...after: string[]): JobNode => ({
  name,
  containerId: `${name}-id`,
  after,
});

describe('findPipelines', () => {
  it('orders linked jobs so that each step comes after those it waits for', () => {
    const [pipeline, ...others] = findPipelines(
      [
        job('report', 'clean'),
        job('alone'),
        job('clean', 'import'),
        job('import'),
      ],
      'local',
    );
    expect(others).toEqual([]);
    expect(pipeline.problem).toBeUndefined();
    expect(pipeline.name).toBe('import');
    expect(pipeline.steps.map(s => s.name)).toEqual([
      'import',
      'clean',
      'report',
    ]);
    expect(firstSteps(pipeline)).toEqual(['import']);
    expect([...stepAndAfter(pipeline, 'clean')]).toEqual(['clean', 'report']);
  });

  it('keeps apart pipelines that share no step, and fans in', () => {
    const pipelines = findPipelines(
      [job('a'), job('b'), job('c', 'a', 'b'), job('x'), job('y', 'x')],
      'local',
    );
    expect(pipelines.map(p => [p.name, p.steps.map(s => s.name)])).toEqual([
      ['a', ['a', 'b', 'c']],
      ['x', ['x', 'y']],
    ]);
    expect(firstSteps(pipelines[0])).toEqual(['a', 'b']);
  });

  it('refuses a cycle in words, naming the steps in it', () => {
    const [pipeline] = findPipelines(
      [job('import'), job('clean', 'import', 'report'), job('report', 'clean')],
      'local',
    );
    expect(pipeline.problem).toMatch(
      /^This pipeline does not run: its steps wait for each other in a circle \(clean, report\)/,
    );
  });

  it('refuses a step that waits for itself', () => {
    const [pipeline] = findPipelines([job('loop', 'loop')], 'local');
    expect(pipeline.problem).toMatch(/in a circle \(loop\)/);
  });

  it('refuses a step that waits for a job that is not one of this entity on the host', () => {
    const [pipeline] = findPipelines(
      [
        job('import'),
        job('clean', 'import'),
        job('report', 'clean', 'elsewhere'),
      ],
      'local',
    );
    expect(pipeline.name).toBe('import');
    expect(pipeline.problem).toBe(
      'This pipeline does not run: report waits for elsewhere, which is not a job of this component on local (it is missing, not a job, or bound to another component). Fix the label docker-services.job.after where the containers are defined.',
    );
  });

  it('is no pipeline for jobs linked to none', () => {
    expect(findPipelines([job('a'), job('b')], 'local')).toEqual([]);
  });
});
