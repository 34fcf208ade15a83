import fs from 'node:fs';
import http from 'node:http';

/** What this process holds open, as {@link openResources} counts it. */
export type Resources = {
  sockets: number;
  handles: Record<string, number>;
};

/**
 * What this process holds open: socket file descriptors, and the active
 * handles keeping it alive, by type. Idle keep-alive sockets of the shared
 * agent are closed first: they are reuse, not leaks, and come and go.
 */
export async function openResources(): Promise<Resources> {
  for (const sockets of Object.values(http.globalAgent.freeSockets)) {
    for (const socket of sockets ?? []) socket.destroy();
  }
  // Let the closes reach both ends (the backend's server side is in this process).
  await new Promise(r => setTimeout(r, 300));
  const sockets = fs.readdirSync('/proc/self/fd').filter(fd => {
    try {
      return fs.readlinkSync(`/proc/self/fd/${fd}`).startsWith('socket:');
    } catch {
      return false;
    }
  }).length;
  const handles: Record<string, number> = {};
  for (const type of process.getActiveResourcesInfo()) {
    if (type === 'Timeout' || type === 'Immediate') continue;
    handles[type] = (handles[type] ?? 0) + 1;
  }
  return { sockets, handles };
}

/** What `now` holds beyond `baseline`: zero sockets and no handles when nothing more is open. */
export function beyondBaseline(now: Resources, baseline: Resources) {
  return {
    sockets: Math.max(0, now.sockets - baseline.sockets),
    handles: Object.fromEntries(
      Object.entries(now.handles)
        .map(([type, n]) => [type, n - (baseline.handles[type] ?? 0)])
        .filter(([, more]) => (more as number) > 0),
    ),
  };
}

/** Connections to a unix socket (its listening side), as the kernel lists them. */
export function socketConnections(socketPath: string): number {
  return fs
    .readFileSync('/proc/net/unix', 'utf8')
    .split('\n')
    .filter(line => {
      const fields = line.trim().split(/\s+/);
      // 03: accepted; 02: waiting to be accepted (by a frozen engine).
      return (
        fields[7] === socketPath && (fields[5] === '03' || fields[5] === '02')
      );
    }).length;
}
