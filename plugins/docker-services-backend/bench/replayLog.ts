/*
 * The plugin's own throughput, with no engine to wait for: framed log bytes
 * captured from the Engine API are replayed from memory through the same
 * demuxer and writer the logs route uses, into an HTTP response a local
 * client drains. Part of the logs benchmark (bench/logsThroughput.ts).
 */
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { streamLogs } from '../src/logs/streamLogs';
import { ConfigReader } from '@backstage/config';
import { readDockerServicesConfig } from '../src/config';
import { benchLogger, timedRequest } from './common';

/** Whole frames from the start of `chunks`, at most `maxBytes`, and their payload size. */
export function wholeFrames(
  chunks: Buffer[],
  maxBytes: number,
): { frames: Buffer; payloadBytes: number } {
  const all = Buffer.concat(chunks).subarray(0, maxBytes);
  let offset = 0;
  let payloadBytes = 0;
  while (offset + 8 <= all.length) {
    const size = all.readUInt32BE(offset + 4);
    if (offset + 8 + size > all.length) break;
    offset += 8 + size;
    payloadBytes += size;
  }
  return { frames: Buffer.from(all.subarray(0, offset)), payloadBytes };
}

/**
 * Docker sends each log message as its own HTTP chunk; the route reads what
 * arrived since its last read, about 4 KiB at a time in our measurements.
 */
const CHUNK_BYTES = 4 * 1024;

/** Splits `repeat` copies of `frames` into chunks as the route reads them. */
function asChunks(frames: Buffer, repeat: number): Buffer[] {
  const chunks: Buffer[] = [];
  for (let r = 0; r < repeat; r++) {
    for (let at = 0; at < frames.length; at += CHUNK_BYTES) {
      chunks.push(frames.subarray(at, at + CHUNK_BYTES));
    }
  }
  return chunks;
}

/**
 * Seconds to stream `repeat` copies of `frames` through streamLogs into an
 * HTTP response that a client on loopback reads to the end.
 */
export async function replaySeconds(
  frames: Buffer,
  repeat: number,
): Promise<{ seconds: number; bytes: number }> {
  const server = http.createServer((_req, res) => {
    res.setHeader('Content-Type', 'application/x-ndjson; charset=utf-8');
    res.flushHeaders();
    streamLogs({
      res,
      openSource: async () => Readable.from(asChunks(frames, repeat)),
      abort: () => {},
      checkEngine: async () => {},
      host: 'replay',
      tty: false,
      timestamps: false,
      follow: false,
      format: 'ndjson',
      notices: [],
      limits: {
        ...readDockerServicesConfig(new ConfigReader({})).logs,
        maxTail: 100_000_000,
        maxResponseBytes: 4 * 1024 ** 3,
      },
      logger: benchLogger(false),
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    const { bytes, ms } = await timedRequest({
      host: '127.0.0.1',
      port,
      path: '/',
    });
    return { bytes, seconds: ms / 1000 };
  } finally {
    server.close();
  }
}
