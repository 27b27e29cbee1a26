/**
 * Serves a built Vite app (its `dist` folder) under a path such as `/console`: files as they are,
 * hashed assets cached for a year, and `index.html` for every other path so the app's own routes
 * survive a reload. Used by the production server and by the browser tests.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import type { Hono } from 'hono';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
};

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/**
 * Mounts the app built into `dir` at `mount` (e.g. '/console'): `/console` redirects to
 * `/console/`. Paths never escape `dir`.
 */
export function serveBuiltApp(app: Hono, mount: string, dir: string): void {
  const root = resolve(dir);
  const prefix = `${mount}/`;

  const sendFile = async (path: string, cacheControl: string): Promise<Response> => {
    const body = await readFile(path);
    return new Response(body, {
      headers: {
        'content-type': CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream',
        'cache-control': cacheControl,
        'x-content-type-options': 'nosniff',
      },
    });
  };

  app.get(mount, (c) => c.redirect(prefix, 301));
  app.get(`${prefix}*`, async (c) => {
    let relative: string;
    try {
      relative = decodeURIComponent(c.req.path.slice(prefix.length));
    } catch {
      return c.text('Đường dẫn không hợp lệ', 400);
    }
    const target = resolve(root, relative);
    if (target !== root && !target.startsWith(root + sep)) return c.text('Không tìm thấy', 404);
    if (relative !== '' && (await isFile(target))) {
      const immutable = relative.startsWith('assets/');
      return sendFile(target, immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    }
    // A missing file with an extension is a real 404; anything else is a route of the app.
    if (extname(relative) !== '') return c.text('Không tìm thấy', 404);
    const index = resolve(root, 'index.html');
    if (!(await isFile(index))) return c.text('Ứng dụng chưa được build', 503);
    return sendFile(index, 'no-cache');
  });
}
