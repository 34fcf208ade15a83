import { Response } from 'express';
import { LogFormat } from './LogResponseWriter';

/** Status and headers of a log response: NDJSON, or a text file named after `fileBase`. */
export function writeLogHeaders(
  res: Response,
  format: LogFormat,
  fileBase: string,
) {
  res.status(200);
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  // Proxies must pass lines on as they come.
  res.setHeader('X-Accel-Buffering', 'no');
  if (format === 'text') {
    const stamp = new Date()
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d+Z$/, 'Z');
    const safeName = fileBase.replace(/[^A-Za-z0-9._-]/g, '_');
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="${safeName}-${stamp}.log"`,
    );
  } else {
    res.setHeader('Content-Type', 'application/x-ndjson; charset=utf-8');
  }
  res.flushHeaders();
}
