/** A job of one entity on one host, as its labels declare it. */
export interface JobNode {
  name: string;
  containerId: string;
  /** The jobs that must succeed before it. */
  after: string[];
}

/** A pipeline: jobs linked by their `after` labels, on one host. */
export interface Pipeline {
  /** Its first step's name (the first in order). */
  name: string;
  /** In order: each after every step it waits for (by name when unordered). */
  steps: JobNode[];
  /** Why it cannot run, in words; nothing of it runs then. */
  problem?: string;
}

/**
 * The pipelines that an entity's jobs on one host make: every group of
 * jobs linked by `after` labels (a job linked to none is no pipeline). A
 * group that names a job that is not there (missing, not a job, or bound
 * to another entity), or whose steps wait for each other in a cycle, is
 * returned with its problem in words, and nothing of it runs.
 */
export function findPipelines(jobs: JobNode[], host: string): Pipeline[] {
  const byName = new Map(jobs.map(job => [job.name, job]));
  // Groups of linked jobs (union-find over the after edges).
  const parent = new Map(jobs.map(job => [job.name, job.name]));
  const root = (name: string): string => {
    let at = name;
    while (parent.get(at) !== at) at = parent.get(at)!;
    parent.set(name, at);
    return at;
  };
  for (const job of jobs) {
    for (const before of job.after) {
      if (byName.has(before)) parent.set(root(before), root(job.name));
    }
  }
  const groups = new Map<string, JobNode[]>();
  for (const job of jobs) {
    const linked =
      job.after.length > 0 ||
      jobs.some(other => other.after.includes(job.name));
    if (!linked) continue;
    const key = root(job.name);
    groups.set(key, [...(groups.get(key) ?? []), job]);
  }
  return [...groups.values()]
    .map(group => toPipeline(group, byName, host))
    .sort((a, b) => a.name.localeCompare(b.name));
}

function toPipeline(
  group: JobNode[],
  byName: Map<string, JobNode>,
  host: string,
): Pipeline {
  const sorted = [...group].sort((a, b) => a.name.localeCompare(b.name));
  const missing = sorted.flatMap(job =>
    job.after
      .filter(before => !byName.has(before))
      .map(before => `${job.name} waits for ${before}`),
  );
  const ordered = inOrder(sorted);
  const name = (ordered ?? sorted)[0].name;
  if (missing.length) {
    return {
      name,
      steps: ordered ?? sorted,
      problem: `This pipeline does not run: ${missing.join(
        '; ',
      )}, which is not a job of this component on ${host} (it is missing, not a job, or bound to another component). Fix the label docker-services.job.after where the containers are defined.`,
    };
  }
  if (!ordered) {
    const names = inCircle(sorted).map(job => job.name);
    return {
      name,
      steps: sorted,
      problem: `This pipeline does not run: its steps wait for each other in a circle (${names.join(
        ', ',
      )}), so none could ever start. Fix the label docker-services.job.after where the containers are defined.`,
    };
  }
  return { name, steps: ordered };
}

/** The jobs in an order where each comes after those it waits for; none for a cycle. */
function inOrder(jobs: JobNode[]): JobNode[] | undefined {
  const names = new Set(jobs.map(job => job.name));
  const done = new Set<string>();
  const ordered: JobNode[] = [];
  while (ordered.length < jobs.length) {
    const ready = jobs.filter(
      job =>
        !done.has(job.name) &&
        job.after.every(before => done.has(before) || !names.has(before)),
    );
    if (!ready.length) return undefined;
    // Steps of one rank together, by name: a stable order for the grid.
    for (const job of ready) {
      done.add(job.name);
      ordered.push(job);
    }
  }
  return ordered;
}

/**
 * The jobs on a circle: peeled from both ends, what neither waits for
 * nothing left nor is waited for by anything left.
 */
function inCircle(jobs: JobNode[]): JobNode[] {
  const onCircle = (left: JobNode[]) => {
    const names = new Set(left.map(job => job.name));
    return left.filter(
      job =>
        job.after.some(before => names.has(before)) &&
        left.some(other => other.after.includes(job.name)),
    );
  };
  let left = jobs;
  let kept = onCircle(left);
  while (kept.length < left.length) {
    left = kept;
    kept = onCircle(left);
  }
  return kept;
}

/** The steps with nothing before them: where a pipeline run begins. */
export function firstSteps(pipeline: Pipeline): string[] {
  return pipeline.steps.filter(s => s.after.length === 0).map(s => s.name);
}

/** The step and every step after it (that waits for it, directly or not). */
export function stepAndAfter(pipeline: Pipeline, step: string): Set<string> {
  const found = new Set([step]);
  for (const candidate of pipeline.steps) {
    if (candidate.after.some(before => found.has(before))) {
      found.add(candidate.name);
    }
  }
  return found;
}
