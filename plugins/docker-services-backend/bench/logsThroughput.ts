/*
 * Benchmark (not a test): streams one large container log through the
 * plugin's logs route and straight from the Engine API, in the same run, and
 * prints throughput of both, their ratio, and the peak memory of the process
 * that serves the plugin. Beside them, the plugin alone: the same framed
 * bytes replayed from memory through its demuxer and writer, so that it is
 * visible whether the engine or the plugin is the limit. Run with
 * `scripts/bench-logs [MiB]`.
 */
import Docker from 'dockerode';
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { mockCredentials } from '@backstage/backend-test-utils';
import {
  IMAGE,
  SOCKET,
  median,
  startBenchBackend,
  timedRequest,
} from './common';
import { replaySeconds, wholeFrames } from './replayLog';

const LABEL = 'docker-services.bench';
const sizeMiB = Number(process.argv[2] ?? 64);
const rounds = 3;
/** Framed bytes kept from the engine's answer for the replay. */
const CAPTURE_BYTES = 16 * 1024 * 1024;

/**
 * Reads a GET response to the end, discarding it (or keeping its first
 * bytes in `capture`); returns bytes and seconds.
 */
async function drain(
  options: http.RequestOptions,
  capture?: Buffer[],
): Promise<{ bytes: number; seconds: number }> {
  let kept = 0;
  const { bytes, ms } = await timedRequest(options, chunk => {
    if (capture && kept < CAPTURE_BYTES) capture.push(chunk);
    kept += chunk.length;
  });
  return { bytes, seconds: ms / 1000 };
}

async function main() {
  const docker = new Docker({ socketPath: SOCKET });
  const runId = `bench-${randomBytes(4).toString('hex')}`;
  const line =
    'bench: a log line of a typical length, with a number 0123456789 and some words';
  const container = await docker.createContainer({
    Image: IMAGE,
    name: runId,
    Labels: {
      [LABEL]: runId,
      'com.docker.compose.project': runId,
      'com.docker.compose.service': 'bench',
      'docker-services.entity': 'component:default/bench',
    },
    Cmd: [
      'sh',
      '-c',
      `yes "${line}" | head -c ${
        sizeMiB * 1024 * 1024
      }; echo; echo BENCH-DONE; sleep 3600`,
    ],
  });
  try {
    await container.start();
    for (let i = 0; ; i++) {
      const tail = (await container.logs({ stdout: true, tail: 1 })).toString();
      if (tail.includes('BENCH-DONE')) break;
      if (i > 600)
        throw new Error('the bench container did not finish writing its log');
      await new Promise(r => setTimeout(r, 200));
    }

    const port = await startBenchBackend({
      name: 'bench',
      compose: `${runId}/bench`,
      dockerServices: {
        hosts: [{ name: 'local', socketPath: SOCKET }],
        logs: { maxTail: 100_000_000, maxResponseBytes: 4 * 1024 ** 3 },
      },
    });
    const pluginPath = `/api/docker-services/entities/component/default/bench/containers/local/${container.id}/logs?tail=all`;
    const rawPath = `/containers/${container.id}/logs?stdout=1&stderr=1&tail=all`;

    let peakRss = 0;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 20);
    const baseRss = process.memoryUsage().rss;
    const results = {
      raw: [] as number[],
      plugin: [] as number[],
      replay: [] as number[],
    };
    let rawBytes = 0;
    let pluginBytes = 0;
    const captured: Buffer[] = [];
    const loadBefore = os.loadavg();
    for (let round = 0; round < rounds; round++) {
      const raw = await drain({ socketPath: SOCKET, path: rawPath });
      const viaPlugin = await drain({
        host: '127.0.0.1',
        port,
        path: pluginPath,
        headers: { Authorization: mockCredentials.user.header() },
      });
      rawBytes = raw.bytes;
      pluginBytes = viaPlugin.bytes;
      results.raw.push(raw.seconds);
      results.plugin.push(viaPlugin.seconds);
    }
    clearInterval(sampler);
    const loadAfter = os.loadavg();

    // The plugin alone, from memory: as much log text as the real rounds.
    // Captured after the memory samples, which it would otherwise inflate.
    await drain({ socketPath: SOCKET, path: rawPath }, captured);
    const { frames, payloadBytes } = wholeFrames(captured, CAPTURE_BYTES);
    captured.length = 0;
    const repeat = Math.max(
      1,
      Math.round((sizeMiB * 1024 * 1024) / payloadBytes),
    );
    for (let round = 0; round < rounds; round++) {
      results.replay.push((await replaySeconds(frames, repeat)).seconds);
    }

    const logMiB = sizeMiB;
    const rawRate = logMiB / median(results.raw);
    const pluginRate = logMiB / median(results.plugin);
    const fmt = (n: number) => n.toFixed(1);
    console.log(
      `Log size: ${logMiB} MiB of text (${Math.round(
        (logMiB * 1024 * 1024) / (line.length + 1),
      )} lines); median of ${rounds} rounds each`,
    );
    console.log(
      `Engine API direct:  ${fmt(rawRate)} MiB/s of log text (${fmt(
        rawBytes / 1024 ** 2,
      )} MiB framed on the wire)`,
    );
    console.log(
      `Through the plugin: ${fmt(pluginRate)} MiB/s of log text (${fmt(
        pluginBytes / 1024 ** 2,
      )} MiB NDJSON on the wire)`,
    );
    console.log(`Ratio plugin/direct: ${(pluginRate / rawRate).toFixed(2)}`);
    const replayRate =
      (payloadBytes * repeat) / 1024 ** 2 / median(results.replay);
    console.log(
      `Plugin alone, the engine's framed bytes replayed from memory: ${fmt(
        replayRate,
      )} MiB/s of log text (${(replayRate / rawRate).toFixed(
        2,
      )}× the engine's direct rate: ${
        replayRate > rawRate
          ? 'the engine is the limit here'
          : 'the plugin is the limit here'
      })`,
    );
    console.log(
      `Rounds (s): direct ${results.raw
        .map(x => x.toFixed(2))
        .join(' ')}; plugin ${results.plugin
        .map(x => x.toFixed(2))
        .join(' ')}; replay ${results.replay.map(x => x.toFixed(2)).join(' ')}`,
    );
    console.log(
      `Load average (1 min) before/after the real rounds: ${loadBefore[0].toFixed(
        1,
      )}/${loadAfter[0].toFixed(1)} on ${os.cpus().length} CPUs`,
    );
    console.log(
      `Peak RSS of the process serving the plugin: ${fmt(
        peakRss / 1024 ** 2,
      )} MiB (${fmt((peakRss - baseRss) / 1024 ** 2)} MiB above its start)`,
    );
  } finally {
    await container.remove({ force: true });
  }
  process.exit(0);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
