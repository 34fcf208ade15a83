import { AuthService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ContainerListResponse,
  JobRun,
} from '@docker-services/backstage-plugin-docker-services-common';
import { ContainerBindings } from '../binding/ContainerBindings';
import { engineMs, HistoryStore } from '../database/HistoryStore';
import { EngineContainerInspect } from '../docker/DockerHost';
import { DockerHostRegistry } from '../docker/DockerHostRegistry';
import { ContainerEvent } from '../events/ContainerEventWatcher';
import { readJobLabels } from './jobLabels';
import { JobRunStore } from './JobRunStore';
import { PendingKills } from './PendingKills';
import { triggerOf } from './runTrigger';

// Docker writes this for "never": 0001-01-01T00:00:00Z.
const ZERO_TIME = /^0001-01-01/;

/** A job container as Docker shows it now, with the entity it is bound to. */
export interface JobContainerState {
  entityRef: string;
  host: string;
  name: string;
  inspected: EngineContainerInspect;
  /**
   * The entity's containers, when the caller listed them already: a run
   * that begins a pipeline run is matched against them, not a new listing.
   */
  listed?: ContainerListResponse;
}

/**
 * Turns what Docker says about job containers into runs: each start (from
 * the portal, a schedule, a retry, or outside the portal) and its end.
 *
 * Docker's `State.StartedAt` is the run's key, so every backend replica
 * that hears the same start writes the same run once. Who started it comes
 * from the portal's history: an action row written before Docker was
 * called, just before the start; none means it was started outside.
 *
 * Runs come from the events stream, which replays what it missed (`since`)
 * when it reconnects; a run that began and ended while no backend replica
 * ran at all is not recorded (nothing is read from Docker unasked).
 */
export class JobRunRecorder {
  readonly #hosts: DockerHostRegistry;
  readonly #bindings: ContainerBindings;
  readonly #runs: JobRunStore;
  readonly #history: HistoryStore;
  readonly #catalog: CatalogService;
  readonly #auth: AuthService;
  readonly #now: () => Date;
  readonly #kills = new PendingKills();
  readonly #onRunBegan?: (
    run: JobRun,
    listed?: ContainerListResponse,
  ) => Promise<void>;

  constructor(options: {
    hosts: DockerHostRegistry;
    bindings: ContainerBindings;
    runs: JobRunStore;
    history: HistoryStore;
    catalog: CatalogService;
    auth: AuthService;
    /** The backend's clock. */
    now?: () => Date;
    /**
     * Told of each run recorded here (its pipeline may begin with it), with
     * the entity's containers when the caller had them.
     */
    onRunBegan?: (run: JobRun, listed?: ContainerListResponse) => Promise<void>;
  }) {
    this.#onRunBegan = options.onRunBegan;
    this.#hosts = options.hosts;
    this.#bindings = options.bindings;
    this.#runs = options.runs;
    this.#history = options.history;
    this.#catalog = options.catalog;
    this.#auth = options.auth;
    this.#now = options.now ?? (() => new Date());
  }

  /** A container event: a job's start or end is recorded. True when it was one. */
  async onEvent(event: ContainerEvent): Promise<boolean> {
    if (!readJobLabels(event.labels)) return false;
    const container = `${event.host}/${event.id}`;
    // Taken before anything is awaited: the events of one container are
    // handed on in Docker's order, so a kill is noted before its die.
    if (event.action === 'kill') {
      this.#kills.note(container, event.labels.signal);
      return false;
    }
    if (event.action === 'start') this.#kills.forget(container);
    if (event.action !== 'start' && event.action !== 'die') return false;
    const killed = event.action === 'die' ? this.#kills.take(container) : false;
    const entityRef = await this.#boundTo(event.host, event.labels);
    // Not for an entity the catalog does not have: nobody would see the
    // run, and Docker is not asked about it.
    if (!entityRef || !(await this.#inCatalog(entityRef))) return false;
    const [host] = this.#hosts.select([event.host]);
    if (!host) return false;
    const inspected = await host.inspectContainer(event.id);
    const exitCode = Number(event.labels.exitCode);
    if (
      event.action === 'die' &&
      event.timeNano &&
      Number.isInteger(exitCode)
    ) {
      await this.#runs.endEarlier({
        host: event.host,
        containerId: event.id,
        currentStartedAt: inspected.State.StartedAt,
        finishedAt: new Date(
          Number(BigInt(event.timeNano) / 1_000_000n),
        ).toISOString(),
        exitCode,
        stopped: killed,
      });
    }
    await this.record(
      {
        entityRef,
        host: event.host,
        name: event.labels.name ?? event.id.slice(0, 12),
        inspected,
      },
      event.action === 'die' ? { killed } : undefined,
    );
    return true;
  }

  /**
   * Reads the job container from Docker and records its run; `listed`, the
   * entity's containers when the caller has them, spares a new listing.
   * `startedSince` (ms): only a run begun then or later is recorded; a caller
   * that only looks must pass it (an older run's `die` will never come).
   */
  async recordContainer(job: {
    entityRef: string;
    host: string;
    container: { id: string; name: string };
    listed?: ContainerListResponse;
    startedSince?: number;
  }): Promise<JobRun | undefined> {
    const [host] = this.#hosts.select([job.host]);
    if (!host) return undefined;
    const inspected = await host.inspectContainer(job.container.id);
    if (job.startedSince !== undefined) {
      const started = engineMs(inspected.State.StartedAt);
      if (started === undefined || started < job.startedSince) return undefined;
    }
    return this.record({
      entityRef: job.entityRef,
      host: job.host,
      name: job.container.name,
      inspected,
      ...(job.listed ? { listed: job.listed } : {}),
    });
  }

  /**
   * Records the run Docker's state shows: its start and, told of its `die`
   * (and whether a kill came before it), its end. Only a `die` ends a run:
   * a start heard late may read the run ended already, before the kill
   * that ended it has been heard.
   */
  async record(
    state: JobContainerState,
    died?: { killed: boolean },
  ): Promise<JobRun | undefined> {
    const { host, inspected } = state;
    const docker = inspected.State;
    if (!docker.StartedAt || ZERO_TIME.test(docker.StartedAt)) return undefined;
    const key = {
      host,
      containerId: inspected.Id,
      startedAt: docker.StartedAt,
    };
    const run =
      (await this.#runs.findByStart(key)) ?? (await this.#begin(state));
    // Not compared with StartedAt: for a process that exits at once,
    // Docker may record the start after the end.
    const ended =
      docker.FinishedAt &&
      !ZERO_TIME.test(docker.FinishedAt) &&
      docker.Status !== 'running' &&
      docker.Status !== 'paused';
    if (died && ended && run.outcome === 'running') {
      await this.#end(run, inspected, died.killed);
      return this.#runs.findByStart(key);
    }
    return run;
  }

  async #begin(state: JobContainerState): Promise<JobRun> {
    const { entityRef, host, name, inspected } = state;
    const startedAt = inspected.State.StartedAt;
    const asked = await this.#history.startAt({
      host,
      containerId: inspected.Id,
      runStartedAt: startedAt,
    });
    // One portal action starts one run: a later start (from outside, soon
    // after) is not the portal's again.
    const started =
      asked && !(await this.#runs.startedBy(asked.id)) ? asked : undefined;
    const trigger = triggerOf(started?.actor);
    // A retry, or a start from elsewhere while a retry was planned (another
    // deployment's retry, a person's), continues the retries' count.
    const retried =
      trigger === 'retry' || trigger === 'outside'
        ? await this.#runs.retryChainHead({
            host,
            containerId: inspected.Id,
            startedAt,
          })
        : undefined;
    const run = await this.#runs.recordStart({
      entityRef,
      host,
      containerId: inspected.Id,
      containerName: name,
      startedAt,
      trigger,
      ...(trigger === 'portal' && started ? { actor: started.actor } : {}),
      ...(started?.reason ? { reason: started.reason } : {}),
      attempt: retried ? retried.attempt + 1 : 1,
      ...(retried ? { retryOf: retried.id } : {}),
      ...(started ? { historyId: started.id } : {}),
      ...(retried?.pipelineRunId
        ? { pipelineRunId: retried.pipelineRunId }
        : {}),
    });
    // Whatever started it, a planned retry of an earlier run is not needed
    // any more. Never this run's own: another replica may have heard it end
    // and planned its retry while this one was still recording its start.
    await this.#runs.cancelRetries(host, inspected.Id, { before: run.id });
    await this.#onRunBegan?.(run, state.listed);
    return (
      (await this.#runs.findByStart({
        host,
        containerId: inspected.Id,
        startedAt,
      })) ?? run
    );
  }

  /**
   * Docker's restart-policy rule: only a run that ended by itself with a
   * failure is retried. A stop or kill by anyone (the portal, `docker
   * stop`, Compose, the daemon shutting down) ends it as stopped.
   */
  async #end(run: JobRun, inspected: EngineContainerInspect, killed: boolean) {
    const docker = inspected.State;
    const finishedAt = docker.FinishedAt;
    const stoppedBy = await this.#history.stopAt({
      host: run.host,
      containerId: run.containerId,
      endedAt: new Date(engineMs(finishedAt) ?? Date.now()),
      runStartedAt: docker.StartedAt,
    });
    let outcome: 'stopped' | 'succeeded' | 'failed' = 'failed';
    if (stoppedBy || killed) outcome = 'stopped';
    else if (docker.ExitCode === 0 && !docker.OOMKilled) outcome = 'succeeded';
    const retries = readJobLabels(inspected.Config.Labels)?.retries;
    // Due by the backend's own clock, which the retry is claimed by.
    const retryAt =
      outcome === 'failed' && retries && run.attempt <= retries.count
        ? new Date(
            this.#now().getTime() + retries.delaySeconds * 1000,
          ).toISOString()
        : undefined;
    await this.#runs.recordEnd({
      host: run.host,
      containerId: run.containerId,
      startedAt: docker.StartedAt,
      finishedAt,
      exitCode: docker.ExitCode,
      oomKilled: docker.OOMKilled,
      outcome,
      ...(retryAt ? { retryAt } : {}),
    });
  }

  async #inCatalog(entityRef: string): Promise<boolean> {
    const entity = await this.#catalog.getEntityByRef(entityRef, {
      credentials: await this.#auth.getOwnServiceCredentials(),
    });
    return Boolean(entity);
  }

  /** The one entity the container is bound to; none for a conflict. */
  async #boundTo(host: string, labels: Record<string, string>) {
    const owners = await this.#bindings.ownersOf(host, labels);
    const refs = [...new Set(owners.map(o => o.entityRef))];
    return refs.length === 1 ? refs[0] : undefined;
  }
}
