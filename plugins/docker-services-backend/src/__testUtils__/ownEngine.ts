import Docker from 'dockerode';
import { ChildProcess, execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { DEMO_IMAGE } from './dockerFixtures';
import { waitFor } from './eventually';
import { exitedProcess, mountsUnder, processesNaming } from './procfs';

const run = promisify(execFile);

/**
 * A Docker engine that belongs to one test suite: the suite may kill it,
 * freeze it and bring it back without disturbing the machine's engine or the
 * shared second engine, which other suites use at the same time.
 */
export interface OwnEngine {
  readonly socketPath: string;
  /** A client for the test's own set-up and checks (not the plugin's). */
  readonly docker: Docker;
  /** dockerd's pid, of the current run. */
  readonly pid: number;
  /** How long the last start or restart took until the engine answered. */
  readonly lastStartMs: number;
  /** SIGKILL, by its own pid; resolves once it is gone. */
  kill(): Promise<void>;
  /** SIGSTOP: the engine hangs, connections stay open and get no answer. */
  stop(): void;
  /** SIGCONT after {@link OwnEngine.stop}. */
  cont(): void;
  /** Starts dockerd again on the same data; resolves once it answers. */
  restart(): Promise<void>;
  /** Whether dockerd of the current run is still alive. */
  alive(): boolean;
  /**
   * With `logApiCalls`: every Engine API call it received, of every run,
   * in order, as `METHOD /path` without the version prefix and query (as
   * the recording proxy writes them). Each is logged as the engine takes
   * it up, before it answers.
   */
  apiCalls(): string[];
  /** Removes its containers, stops it, removes its bridge and files. */
  dispose(): Promise<void>;
}

/**
 * Starts a third dockerd for the calling suite: data and exec root in a temp
 * dir, its own unix socket and pid file, and its own bridge with a /24 of
 * its own (never `--bridge=none`, which would delete the first engine's
 * docker0). The demo image is loaded from the machine's engine. Needs root.
 */
export async function startOwnEngine(
  options: {
    /** A bridge name no other engine uses. */
    bridge?: string;
    /** The bridge's address with its /24. */
    bridgeAddress?: string;
    /** Runs dockerd with --debug, which logs each API call it receives. */
    logApiCalls?: boolean;
  } = {},
): Promise<OwnEngine> {
  const bridge = options.bridge ?? 'dsvc9';
  const bridgeAddress = options.bridgeAddress ?? '172.31.249.1/24';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsvc-own-engine-'));
  const socketPath = path.join(dir, 'docker.sock');
  const pidFile = path.join(dir, 'pid');
  const logFile = path.join(dir, 'dockerd.log');
  const docker = new Docker({ socketPath });

  const bridgeExists = async () =>
    run('ip', ['link', 'show', bridge]).then(
      () => true,
      () => false,
    );
  if (!(await bridgeExists())) {
    await run('ip', ['link', 'add', 'name', bridge, 'type', 'bridge']);
  }
  // A bridge left by a crashed run keeps its address; adding it again fails.
  await run('ip', ['addr', 'add', bridgeAddress, 'dev', bridge]).catch(
    () => undefined,
  );
  await run('ip', ['link', 'set', bridge, 'up']);

  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  let running = false;
  let lastStartMs = 0;

  const answers = async () => {
    try {
      await docker.ping({ abortSignal: AbortSignal.timeout(2000) } as never);
      return true;
    } catch {
      return false;
    }
  };

  const launch = async () => {
    // A dockerd that died by SIGKILL leaves its pid file; a new one refuses
    // to start while it exists. Its socket it replaces by itself.
    fs.rmSync(pidFile, { force: true });
    // Its containerd dies with it, but may linger as a zombie until init
    // reaps it; a new dockerd would take that for a live containerd and wait
    // for it in vain. Wait a little for it to go, then forget it.
    const containerdPidFile = path.join(
      dir,
      'exec',
      'containerd',
      'containerd.pid',
    );
    const containerdPid = Number(
      fs.existsSync(containerdPidFile)
        ? fs.readFileSync(containerdPidFile, 'utf8').trim()
        : 0,
    );
    if (containerdPid > 0) {
      await waitFor(() => exitedProcess(containerdPid), 5000);
      if (exitedProcess(containerdPid))
        fs.rmSync(containerdPidFile, { force: true });
    }
    const log = fs.openSync(logFile, 'a');
    const started = Date.now();
    const proc = spawn(
      'dockerd',
      [
        '--data-root',
        path.join(dir, 'data'),
        '--exec-root',
        path.join(dir, 'exec'),
        '--pidfile',
        pidFile,
        '-H',
        `unix://${socketPath}`,
        `--bridge=${bridge}`,
        '--iptables=false',
        '--ip-masq=false',
        ...(options.logApiCalls ? ['--debug'] : []),
      ],
      { stdio: ['ignore', log, log] },
    );
    fs.closeSync(log);
    child = proc;
    running = true;
    exited = new Promise(resolve =>
      proc.once('exit', () => {
        running = false;
        resolve();
      }),
    );
    proc.unref();
    const up = await waitFor(async () => !running || (await answers()), 90_000);
    if (!up || !running) {
      const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-15);
      throw new Error(
        `The suite's own dockerd did not start (${dir}):\n${tail.join('\n')}`,
      );
    }
    lastStartMs = Date.now() - started;
  };

  const signal = (name: NodeJS.Signals) => {
    if (child?.pid && running) process.kill(child.pid, name);
  };

  const kill = async () => {
    signal('SIGKILL');
    await exited;
  };

  /** Asks dockerd to shut down; SIGKILL when it will not within `ms`. */
  const terminate = async (ms: number) => {
    if (!running) return;
    signal('SIGCONT');
    signal('SIGTERM');
    const gone = await waitFor(() => !running, ms);
    if (!gone) await kill();
  };

  const engine: OwnEngine = {
    socketPath,
    docker,
    get pid() {
      return child?.pid ?? 0;
    },
    get lastStartMs() {
      return lastStartMs;
    },
    kill,
    stop: () => signal('SIGSTOP'),
    cont: () => signal('SIGCONT'),
    alive: () => running,
    apiCalls: () => {
      const calls: string[] = [];
      const calling = /msg="Calling (\w+) (\/[^"?\s]*)/;
      for (const line of fs.readFileSync(logFile, 'utf8').split('\n')) {
        const match = calling.exec(line);
        if (match) {
          calls.push(`${match[1]} ${match[2].replace(/^\/v\d+\.\d+/, '')}`);
        }
      }
      return calls;
    },
    restart: async () => {
      await terminate(30_000);
      await launch();
    },
    dispose: async () => {
      try {
        // Containers are removed through the engine, so it cleans up their
        // processes, mounts and network namespaces itself.
        signal('SIGCONT');
        if (!running) await launch().catch(() => undefined);
        if (running) {
          const all: Docker.ContainerInfo[] = await docker
            .listContainers({
              all: true,
              abortSignal: AbortSignal.timeout(10_000),
            } as Docker.ContainerListOptions)
            .catch(() => []);
          await Promise.all(
            all.map(c =>
              docker
                .getContainer(c.Id)
                .remove({ force: true })
                .catch(() => undefined),
            ),
          );
        }
        await terminate(30_000);
      } finally {
        // Whatever outlived it (containerd shims after a SIGKILL), by pid.
        for (const pid of processesNaming(`${dir}/`)) {
          try {
            process.kill(pid, 'SIGKILL');
          } catch {
            // Already gone.
          }
        }
        await waitFor(() => processesNaming(`${dir}/`).length === 0, 10_000);
        for (const mountPoint of mountsUnder(dir)) {
          await run('umount', ['-l', mountPoint]).catch(() => undefined);
        }
        fs.rmSync(dir, { recursive: true, force: true });
        await run('ip', ['link', 'del', bridge]).catch(() => undefined);
      }
    },
  };

  try {
    await launch();
    // No registry here: the image comes from the machine's engine.
    await run('sh', [
      '-c',
      'docker save "$1" | docker -H "unix://$2" load -q',
      'sh',
      DEMO_IMAGE,
      socketPath,
    ]);
  } catch (error) {
    await engine.dispose();
    throw error;
  }
  return engine;
}
