import { EngineContainer, EngineContainerInspect } from '../docker/DockerHost';

/**
 * One container as the index keeps it: the list entry and the inspect
 * fields a `ContainerSummary` is built from, and nothing more (no env, no
 * mounts, no health-check output), so that a host's index stays small.
 */
export interface IndexedContainer {
  listed: EngineContainer;
  /** Absent when the container went away between list and inspect. */
  inspected?: EngineContainerInspect;
}

/** The list entry, copied field by field: Docker's answer holds more. */
export function trimListed(listed: EngineContainer): EngineContainer {
  return {
    Id: listed.Id,
    Names: listed.Names,
    Image: listed.Image,
    State: listed.State,
    Status: listed.Status,
    Created: listed.Created,
    Ports: (listed.Ports ?? []).map(p => ({
      PrivatePort: p.PrivatePort,
      ...(p.PublicPort ? { PublicPort: p.PublicPort } : {}),
      Type: p.Type,
    })),
    // Bindings and the compose grouping read arbitrary label keys.
    Labels: listed.Labels ?? {},
  };
}

/**
 * The inspect fields `toContainerSummary` reads, and `Tty` (how its logs
 * are framed). The health-check log and the labels (kept once, on the list
 * entry) are left out.
 */
export function trimInspected(
  inspected: EngineContainerInspect,
): EngineContainerInspect {
  const state = inspected.State;
  return {
    Id: inspected.Id,
    Created: inspected.Created,
    RestartCount: inspected.RestartCount,
    State: {
      Status: state.Status,
      ExitCode: state.ExitCode,
      OOMKilled: state.OOMKilled,
      StartedAt: state.StartedAt,
      FinishedAt: state.FinishedAt,
      ...(state.Health ? { Health: { Status: state.Health.Status } } : {}),
    },
    Config: { Labels: null, Tty: inspected.Config?.Tty ?? false },
  };
}

/**
 * Whether a reconcile must inspect the container again. Docker's `Status`
 * text carries the time since the last change ("Up 3 seconds", "Exited (0)
 * 2 minutes ago") and the health ("(healthy)"), so any change an inspect
 * would show (a restart, a new exit code, health) also changes the list
 * entry; an unchanged entry keeps its inspect.
 */
export function needsInspect(
  before: IndexedContainer | undefined,
  listed: EngineContainer,
): boolean {
  return (
    !before?.inspected ||
    before.listed.State !== listed.State ||
    before.listed.Status !== listed.Status
  );
}
