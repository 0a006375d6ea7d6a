// A throwaway redis-server for tests and benchmarks: 127.0.0.1 only, a free port, no
// persistence, stopped by its PID. Returns null when the Debian package is not installed,
// so callers can skip with a message instead of failing.
import { spawn, spawnSync } from 'node:child_process';
import net from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { freePort } from './free-port.mjs';

export { freePort };

export const REDIS_MISSING = 'redis-server is not installed (Debian package redis-server): Redis tests skipped';

export function redisServerPath() {
  const found = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  const path = found.status === 0 ? found.stdout.trim() : '';
  return path || null;
}


function answersPing(port) {
  return new Promise((resolve) => {
    const sock = net.connect({ host: '127.0.0.1', port });
    let data = '';
    sock.setTimeout(500, () => { sock.destroy(); resolve(false); });
    sock.on('error', () => resolve(false));
    sock.on('connect', () => sock.write('PING\r\n'));
    sock.on('data', (chunk) => {
      data += chunk;
      if (data.includes('\r\n')) { sock.destroy(); resolve(data.startsWith('+PONG')); }
    });
  });
}

/** Starts redis-server; resolves {url, port, pid, stop()} or null when it is not installed. */
export async function startRedis() {
  const bin = redisServerPath();
  if (!bin) return null;
  for (let tries = 0; tries < 3; tries++) {
    const port = await freePort();
    const child = spawn(bin, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--loglevel', 'warning'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let exited = false;
    child.on('exit', () => { exited = true; });
    for (let i = 0; i < 100 && !exited; i++) {
      if (await answersPing(port)) {
        const stop = async () => {
          if (exited) return;
          const gone = new Promise((resolve) => child.once('exit', resolve));
          process.kill(child.pid, 'SIGTERM');
          await Promise.race([gone, delay(3000)]);
          if (!exited) process.kill(child.pid, 'SIGKILL');
        };
        return { url: `redis://127.0.0.1:${port}`, port, pid: child.pid, stop, child };
      }
      await delay(50);
    }
    if (!exited) process.kill(child.pid, 'SIGKILL');
  }
  throw new Error('redis-server did not start');
}
