import { Request, Response } from 'express';
import { JsonBody } from './service/JsonBodies';

/** Below this size an answer is sent as it is, as the portal's compression does. */
const COMPRESS_FROM_BYTES = 1024;

/**
 * Sends a kept JSON answer: a 304 when the caller holds it already (its
 * `If-None-Match` names the tag), else its bytes, gzipped once for every
 * request when the caller accepts gzip. The portal's compression leaves an
 * answer that is already encoded alone. `private, no-cache`: a browser
 * keeps it for this person and asks again each time; no shared cache keeps it.
 */
export async function sendJsonBody(
  req: Request,
  res: Response,
  body: JsonBody,
): Promise<void> {
  res.set('Cache-Control', 'private, no-cache');
  res.set('ETag', body.etag);
  res.type('json');
  res.vary('Accept-Encoding');
  if (req.fresh) {
    res.status(304).end();
    return;
  }
  if (
    body.bytes.length >= COMPRESS_FROM_BYTES &&
    req.acceptsEncodings('gzip') === 'gzip'
  ) {
    const gzipped = await body.gzipped();
    res.set('Content-Encoding', 'gzip');
    res.send(gzipped);
    return;
  }
  res.send(body.bytes);
}
