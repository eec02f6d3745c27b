// A dependency-free static server for the spm-engine pages, for development and the e2e tests.
//
//   node scripts/serve.mjs            serves on http://127.0.0.1:8080/ (PORT=... to change)
//
// URL space: "/" is www/, "/pkg/" is the wasm-pack output, "/vendor/" is a short allow-list of
// browser builds from node_modules. Nothing outside those roots can be reached. "/" opens
// www/index.html, which sends the browser on to the Company page (www/pages/company/); the
// pages' old flat URLs (/ledger.html, /designer.html, ...) are redirected to www/pages/<name>/.

import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** URL prefix -> directory; the longest matching prefix wins. */
const MOUNTS = [
  ['/pkg/', path.join(repoRoot, 'pkg')],
  ['/', path.join(repoRoot, 'www')],
];

/** The only files served under /vendor/: browser builds that need no bundler. */
const VENDOR = new Map([
  ['chart.umd.js', path.join(repoRoot, 'node_modules/chart.js/dist/chart.umd.js')],
  ['chart.umd.js.map', path.join(repoRoot, 'node_modules/chart.js/dist/chart.umd.js.map')],
]);

const MIME = new Map([
  ['.html', 'text/html; charset=utf-8'],
  ['.js', 'text/javascript; charset=utf-8'],
  ['.mjs', 'text/javascript; charset=utf-8'],
  ['.css', 'text/css; charset=utf-8'],
  ['.json', 'application/json; charset=utf-8'],
  ['.map', 'application/json; charset=utf-8'],
  ['.wasm', 'application/wasm'],
  ['.ts', 'text/plain; charset=utf-8'],
  ['.txt', 'text/plain; charset=utf-8'],
  ['.csv', 'text/csv; charset=utf-8'],
  ['.svg', 'image/svg+xml'],
  ['.png', 'image/png'],
  ['.ico', 'image/x-icon'],
  ['.woff2', 'font/woff2'],
]);

/**
 * The Content-Security-Policy sent with every response (issue 10). Scripts only from this origin,
 * never inline and never eval; `'wasm-unsafe-eval'` lets the pages compile the engine's wasm.
 * Styles only from files (a `style` attribute in markup or an inline `<style>` is refused;
 * Shadow DOM styles come as constructed style sheets). Nothing may be fetched, framed or posted
 * outside this origin, so no comp data can leave the page even if a script were injected.
 */
export const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers every response carries. */
const SECURITY_HEADERS = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

/**
 * The pages' URLs before they moved to www/pages/<name>/: a bookmark of an old URL is redirected
 * (301, query string kept; the browser keeps the #fragment) so it still opens its page.
 */
export const MOVED = new Map([
  ...['designer', 'ledger', 'rep', 'territories', 'quota', 'insights', 'leaderboard', 'embed-demo', 'embed-leaderboard', 'bench',
    'bench-estimate', 'bench-scoring', 'bench-simulate', 'bench-territory'].map((name) => [`/${name}.html`, `/pages/${name}/`]),
]);

/** The Content-Type for a file name; unknown kinds are sent as opaque bytes. */
export function contentType(file) {
  return MIME.get(path.extname(file).toLowerCase()) ?? 'application/octet-stream';
}

/**
 * Maps a request path (already stripped of query) to a file on disk, or null when it is outside
 * every root. Exported for the tests.
 */
export function resolveRequestPath(urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  // A NUL byte or a backslash has no business in a URL path and can confuse path handling.
  if (decoded.includes('\0') || decoded.includes('\\') || !decoded.startsWith('/')) return null;

  if (decoded.startsWith('/vendor/')) {
    return VENDOR.get(decoded.slice('/vendor/'.length)) ?? null;
  }
  for (const [prefix, dir] of MOUNTS) {
    if (!decoded.startsWith(prefix)) continue;
    let rel = decoded.slice(prefix.length);
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    const file = path.resolve(dir, rel);
    // Reject anything that escapes the mount ("..", absolute segments).
    if (file !== dir && !file.startsWith(dir + path.sep)) return null;
    return file;
  }
  return null;
}

function send(res, status, body) {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-cache',
    ...SECURITY_HEADERS,
  });
  res.end(body);
}

async function handle(req, res) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    send(res, 405, 'Method Not Allowed\n');
    return;
  }
  const urlPath = (req.url ?? '/').split(/[?#]/, 1)[0];
  const moved = MOVED.get(urlPath);
  if (moved) {
    const query = (req.url ?? '').slice(urlPath.length).split('#', 1)[0];
    res.writeHead(301, { Location: `${moved}${query}`, 'Cache-Control': 'no-cache', ...SECURITY_HEADERS });
    res.end();
    return;
  }
  const file = resolveRequestPath(urlPath);
  if (file === null) {
    send(res, urlPath.includes('..') ? 403 : 404, 'Not Found\n');
    return;
  }
  let info;
  try {
    info = await stat(file);
  } catch {
    send(res, 404, 'Not Found\n');
    return;
  }
  if (info.isDirectory()) {
    // "/pkg" without the slash: send the browser to the directory URL so relative links work.
    res.writeHead(301, { Location: `${urlPath}/`, 'Cache-Control': 'no-cache', ...SECURITY_HEADERS });
    res.end();
    return;
  }
  if (!info.isFile()) {
    send(res, 404, 'Not Found\n');
    return;
  }
  // A validator, so a reload revalidates (304) instead of downloading again; Chromium then also
  // reuses the compiled wasm it keeps with a cached response.
  const etag = `"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`;
  const headers = {
    'Content-Type': contentType(file),
    'Cache-Control': 'no-cache',
    ETag: etag,
    ...SECURITY_HEADERS,
  };
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  res.writeHead(200, { ...headers, 'Content-Length': info.size });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(file);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

/**
 * Starts the server and resolves once it listens. `port: 0` picks a free port.
 * Resolves to `{ server, port, url, close() }`.
 */
export function startServer({ port = 8080, host = '127.0.0.1' } = {}) {
  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, 'Internal Server Error\n');
      else res.destroy();
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const actual = server.address().port;
      const url = `http://${host}:${actual}/`;
      resolve({
        server,
        port: actual,
        url,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections?.();
            server.close(() => done());
          }),
      });
    });
  });
}

const isMain = process.argv[1] && pathToFileURL(path.resolve(process.argv[1])).href === import.meta.url;
if (isMain) {
  const port = Number.parseInt(process.env.PORT ?? '8080', 10);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`serve: PORT must be a port number, got ${JSON.stringify(process.env.PORT)}`);
    process.exit(2);
  }
  startServer({ port }).then(
    ({ url }) => console.log(`spm-engine: serving www/ and pkg/ at ${url}  (Ctrl+C to stop)\n  company (workspaces, import) ${url} · payouts ${url}pages/payouts/ · plan designer ${url}pages/designer/ · ledger ${url}pages/ledger/ · rep ${url}pages/rep/ · widget demo ${url}pages/embed-demo/\n  territories ${url}pages/territories/ · quotas ${url}pages/quota/ · insights (costing, forecasts, coaching) ${url}pages/insights/\n  leaderboard (points, badges, contests, goals) ${url}pages/leaderboard/ · leaderboard widget demo ${url}pages/embed-leaderboard/`),
    (err) => {
      console.error(`serve: cannot listen on port ${port}: ${err.message}`);
      process.exit(1);
    },
  );
}
