// Serves a built Backstage app (its dist folder) on a loopback port, with
// the single-page fallback to index.html. Usage: node serve.mjs DIR PORT
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';

const [dir, port] = process.argv.slice(2);
const types = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

function fileFor(urlPath) {
  const file = join(
    dir,
    normalize(decodeURIComponent(urlPath)).replace(/^(\.\.[/\\])+/, ''),
  );
  try {
    if (statSync(file).isFile()) return file;
  } catch {
    // not a file: the app's own route
  }
  return join(dir, 'index.html');
}

createServer((req, res) => {
  const file = fileFor(new URL(req.url, 'http://x').pathname);
  res.setHeader(
    'content-type',
    types[extname(file)] ?? 'application/octet-stream',
  );
  createReadStream(file).pipe(res);
}).listen(Number(port), '127.0.0.1');
