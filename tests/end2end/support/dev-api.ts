// A dev-api of a spec's own, for the identity-provider variants (opaque tokens, the name only at
// userinfo, the identity server on its own port). `cargo xtask e2e` sets E2E_DEV_API (the
// binary) and E2E_DIST (the built app).
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface DevApi {
  /** The app's (and the API's) origin, e.g. `http://127.0.0.1:41234`. */
  url: string;
  stop: () => Promise<void>;
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the suite with \`cargo xtask e2e\``);
  return value;
}

/** A free loopback port (for a listener whose address must be known before it starts). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Whether this run can start dev-api processes of its own (`cargo xtask e2e` sets both). */
export const canStartDevApi = Boolean(process.env.E2E_DEV_API && process.env.E2E_DIST);

/**
 * Starts dev-api serving the built app with `flags`; `config` entries replace those of the
 * app's config.json (served from a copy of dist/, or of `distVar`'s folder).
 */
export async function startDevApi(
  flags: string[],
  config: Record<string, unknown> = {},
  distVar = 'E2E_DIST',
): Promise<DevApi> {
  const dist = required(distVar);
  let served = dist;
  let copy: string | undefined;
  if (Object.keys(config).length > 0) {
    copy = mkdtempSync(join(tmpdir(), 'clients-console-e2e-'));
    cpSync(dist, copy, { recursive: true });
    const file = join(copy, 'config.json');
    writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), ...config }, null, 2));
    served = copy;
  }
  const child: ChildProcess = spawn(
    required('E2E_DEV_API'),
    ['--listen', '127.0.0.1:0', '--quiet', '--static', served, ...flags],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let seen = '';
    child.once('exit', (code) => reject(new Error(`dev-api exited (${code}) before it was ready:\n${seen}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const ready = /^dev-api listening on (http:\/\/\S+)$/m.exec(seen);
      if (ready) resolve(ready[1]);
    });
  });
  return {
    url,
    stop: async () => {
      if (child.exitCode === null) {
        const gone = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await gone;
      }
      if (copy) rmSync(copy, { recursive: true, force: true });
    },
  };
}
