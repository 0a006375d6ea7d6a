#!/usr/bin/env node
// A throwaway Request Tracker 5 for tests, the demo and anyone who wants to try the RT preset:
// Debian's packages (installed once when missing and allowed), a SQLite database in a temporary
// folder, rt-server on 127.0.0.1 on a free port, a queue and the custom fields the preset
// writes, stopped by its PID. Nothing is sent by mail: RT writes its mail to files.
//
//   import { startRt } from './tests/rt/rt-server.mjs';
//   const rt = await startRt();            // {baseUrl, user, password, token, queue, stop()} or {skipped}
//   node tests/rt/rt-server.mjs --serve [--port 8080]   // prints the base URL and credentials; Ctrl-C stops it
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { freePort } from '../support/free-port.mjs';

export const RT_PACKAGES = ['request-tracker5', 'rt5-db-sqlite', 'rt5-standalone'];
const RT_SERVER = '/usr/share/request-tracker5/libexec/rt-server';
const RT_SETUP = '/usr/sbin/rt-setup-database-5';

// Listed in tests/secrets-configured.txt, so the suite-wide scan proves neither ever leaks.
export const RT_USER = 'root';
export const RT_PASSWORD = 'tb-rt-root-password';
/** The queue and custom fields examples/rt/config.json writes. */
export const RT_QUEUE = 'Service Desk';
export const RT_CUSTOM_FIELDS = ['Ticketbridge Key', 'Category', 'Subcategory'];

const installed = () => fs.existsSync(RT_SERVER) && fs.existsSync(RT_SETUP);
const hasCommand = (name) => spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;

/**
 * Installs the Debian packages when they are missing: root and apt-get needed. Answers
 * debconf first, so no database is configured system-wide, no cron job is installed and
 * nothing asks a question. Returns null when RT is there, else why it is not.
 */
export function ensureRtInstalled({ log = () => {} } = {}) {
  if (installed()) return null;
  if (!hasCommand('apt-get')) return 'RT 5 is not installed and there is no apt-get to install it';
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    return `RT 5 is not installed and installing it needs root (apt-get install ${RT_PACKAGES.join(' ')})`;
  }
  const seed = spawnSync('debconf-set-selections', {
    input: 'request-tracker5 request-tracker5/dbconfig-install boolean false\n' +
           'request-tracker5 request-tracker5/install-cronjobs boolean false\n',
  });
  if (seed.status !== 0) return `debconf-set-selections failed: ${String(seed.stderr).trim()}`;
  log(`installing ${RT_PACKAGES.join(' ')} (apt-get, once)`);
  const started = Date.now();
  const apt = spawnSync('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...RT_PACKAGES], {
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, encoding: 'utf8', maxBuffer: 64 << 20,
  });
  if (apt.status !== 0 || !installed()) {
    const tail = `${apt.stderr || ''}${apt.stdout || ''}`.trim().split('\n').slice(-3).join(' | ');
    return `apt-get install ${RT_PACKAGES.join(' ')} failed (exit ${apt.status}): ${tail}`;
  }
  log(`installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return null;
}


const perlString = (s) => `'${String(s).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

function siteConfig(dir, port) {
  return [
    `Set($DatabaseType, 'SQLite');`,
    `Set($DatabaseName, ${perlString(path.join(dir, 'rt5.db'))});`,
    `Set($rtname, 'ticketbridge-test');`,
    `Set($Organization, 'ticketbridge.test');`,
    `Set($WebPath, '');`,
    `Set($WebDomain, '127.0.0.1');`,
    `Set($WebPort, ${port});`,
    `Set($WebBaseURL, 'http://127.0.0.1:${port}');`,
    // Mail goes to files, never to an MTA.
    `Set($MailCommand, 'testfile');`,
    `Set($LogToSyslog, undef);`,
    `Set($LogToSTDERR, 'error');`,
    `$RT::MasonDataDir = ${perlString(path.join(dir, 'mason_data'))};`,
    `$RT::MasonSessionDir = ${perlString(path.join(dir, 'mason_sessions'))};`,
    '1;',
    '',
  ].join('\n');
}

// The queue and the ticket custom fields the preset fills in (free text, one value each), and a
// REST 2 auth token for root (no REST endpoint creates one in 5.0.3), written to `tokenFile`.
function initialData(tokenFile) {
  const fields = RT_CUSTOM_FIELDS.map((name) =>
    `  { Name => ${perlString(name)}, Type => 'FreeformSingle', LookupType => 'RT::Queue-RT::Ticket', ApplyTo => [${perlString(RT_QUEUE)}] },`);
  return [
    `@Queues = ({ Name => ${perlString(RT_QUEUE)}, Description => 'Tickets from the service-desk assistant' });`,
    '@CustomFields = (',
    ...fields,
    ');',
    '@Final = (sub {',
    "  require RT::AuthToken;",
    "  my $u = RT::User->new(RT->SystemUser); $u->Load('root');",
    "  my ($id, $msg, $auth) = RT::AuthToken->new(RT->SystemUser)->Create(Owner => $u->Id, Description => 'ticketbridge tests');",
    '  die "auth token: $msg\n" unless $id;',
    `  open(my $fh, '>', ${perlString(tokenFile)}) or die "token file: $!\n"; print $fh $auth; close $fh;`,
    '});',
    '1;',
    '',
  ].join('\n');
}

function run(cmd, args, env, what) {
  const r = spawnSync(cmd, args, { env, encoding: 'utf8', maxBuffer: 16 << 20 });
  if (r.status !== 0) throw new Error(`${what} failed (exit ${r.status}): ${`${r.stderr}${r.stdout}`.trim().slice(-800)}`);
  return r.stdout;
}

async function answers(url) {
  try {
    // No browser User-Agent: RT would redirect instead of answering 401.
    const res = await fetch(url, { headers: { 'user-agent': 'ticketbridge-tests' }, signal: AbortSignal.timeout(2000) });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}

const running = new Set();
let exitHook = false;
function killOnExit(child) {
  running.add(child);
  if (exitHook) return;
  exitHook = true;
  // A test that throws or a Ctrl-C must not leave an rt-server behind.
  process.on('exit', () => {
    for (const c of running) {
      try { process.kill(-c.pid, 'SIGKILL'); } catch { /* gone */ }
    }
  });
}

/**
 * Starts a fresh RT. Resolves {baseUrl, user, password, token, queue, pid, startMs, stop()},
 * or {skipped: why} when RT is not installed and cannot be, or TB_RT_SKIP is set.
 */
export async function startRt({ install = true, port: wanted = 0, log = () => {} } = {}) {
  // A machine that must not install or run RT (or a quick local run) opts out explicitly.
  if (process.env.TB_RT_SKIP) return { skipped: `TB_RT_SKIP is set (${process.env.TB_RT_SKIP})` };
  const missing = install ? ensureRtInstalled({ log }) : (installed() ? null : 'RT 5 is not installed');
  if (missing) return { skipped: missing };
  const started = Date.now();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tb-rt-'));
  const port = wanted || await freePort();
  const configDir = path.join(dir, 'RT_SiteConfig.d');  // empty: /etc's snippets are not read
  fs.mkdirSync(configDir);
  for (const sub of ['mason_data', 'mason_sessions']) fs.mkdirSync(path.join(dir, sub));
  fs.writeFileSync(path.join(dir, 'RT_SiteConfig.pm'), siteConfig(dir, port));
  fs.writeFileSync(path.join(dir, 'root-password'), RT_PASSWORD, { mode: 0o600 });
  const tokenFile = path.join(dir, 'token');
  fs.writeFileSync(path.join(dir, 'initialdata'), initialData(tokenFile));
  const env = { ...process.env, RT_SITE_CONFIG: path.join(dir, 'RT_SiteConfig.pm'), RT_SITE_CONFIG_DIR: configDir, TMPDIR: dir };
  try {
    run(RT_SETUP, ['--action', 'init', '--skip-create', '--root-password-file', path.join(dir, 'root-password')], env, 'rt-setup-database init');
    run(RT_SETUP, ['--action', 'insert', '--datafile', path.join(dir, 'initialdata')], env, 'rt-setup-database insert');
    const token = fs.readFileSync(tokenFile, 'utf8').trim();
    const setupMs = Date.now() - started;

    const child = spawn(RT_SERVER, ['--port', String(port), '--host', '127.0.0.1'], {
      env, cwd: dir, detached: true, stdio: ['ignore', 'ignore', 'pipe'],
    });
    killOnExit(child);
    let stderr = '';
    child.stderr.on('data', (d) => { stderr = (stderr + d).slice(-4000); });
    let exited = false;
    child.on('exit', () => { exited = true; running.delete(child); });
    const baseUrl = `http://127.0.0.1:${port}/`;
    let up = false;
    for (let i = 0; i < 600 && !exited && !up; i++) {
      up = (await answers(`${baseUrl}REST/2.0/rt`)) === 401;
      if (!up) await delay(100);
    }
    const stop = async () => {
      if (!exited) {
        const gone = new Promise((resolve) => child.once('exit', resolve));
        // SIGTERM, not SIGINT: RT's SIGINT handler changes file ownership on the way out.
        try { process.kill(child.pid, 'SIGTERM'); } catch { /* gone */ }
        await Promise.race([gone, delay(5000)]);
        try { process.kill(-child.pid, 'SIGKILL'); } catch { /* the group is gone */ }
      }
      running.delete(child);
      fs.rmSync(dir, { recursive: true, force: true });
    };
    if (!up) {
      await stop();
      throw new Error(`rt-server did not answer on ${baseUrl} (${exited ? 'it exited' : 'timed out'}): ${stderr.trim().slice(-800)}`);
    }
    return {
      baseUrl, user: RT_USER, password: RT_PASSWORD, token, queue: RT_QUEUE, customFields: RT_CUSTOM_FIELDS,
      pid: child.pid, dir, setupMs, startMs: Date.now() - started, stop,
    };
  } catch (err) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

/** Basic-auth headers for the tests' own reads through REST 2. */
export function rtHeaders(rt) {
  return {
    authorization: `Basic ${Buffer.from(`${rt.user}:${rt.password}`).toString('base64')}`,
    'user-agent': 'ticketbridge-tests',
    accept: 'application/json',
  };
}

// node tests/rt/rt-server.mjs --serve: an RT to try the preset against, until Ctrl-C.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--port');
  const port = at > 0 ? Number(process.argv[at + 1]) : 0;
  if (!process.argv.includes('--serve') || !Number.isInteger(port) || port < 0 || port > 65535) {
    console.error('usage: node tests/rt/rt-server.mjs --serve [--port N]   (N = 8080 matches examples/rt/config.json)');
    process.exit(2);
  }
  const rt = await startRt({ port, log: (m) => console.error(m) });
  if (rt.skipped) {
    console.error(`cannot start RT: ${rt.skipped}`);
    process.exit(1);
  }
  console.log(JSON.stringify({ baseUrl: rt.baseUrl, user: rt.user, password: rt.password, token: rt.token,
                               queue: rt.queue, pid: rt.pid, startMs: rt.startMs }, null, 2));
  console.error(`RT 5 is up at ${rt.baseUrl} (started in ${(rt.startMs / 1000).toFixed(1)} s); Ctrl-C stops it`);
  const quit = () => rt.stop().then(() => process.exit(0));
  process.on('SIGINT', quit);
  process.on('SIGTERM', quit);
}
