import fs from 'node:fs';

// What the kernel says about this machine's processes and mounts.

/** Processes whose command line names `marker` (our own temp dir). */
export function processesNaming(marker: string): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (cmdline.includes(marker)) pids.push(Number(entry));
    } catch {
      // Gone meanwhile.
    }
  }
  return pids;
}

/** Whether `pid` has exited (gone, or a zombie its new parent has not reaped yet). */
export function exitedProcess(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return (
      stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z'
    );
  } catch {
    return true;
  }
}

/** Mount points under `dir`, deepest first. */
export function mountsUnder(dir: string): string[] {
  return fs
    .readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .map(line => line.split(' ')[4])
    .filter(
      (mountPoint): mountPoint is string =>
        !!mountPoint &&
        (mountPoint === dir || mountPoint.startsWith(`${dir}/`)),
    )
    .sort((a, b) => b.length - a.length);
}
