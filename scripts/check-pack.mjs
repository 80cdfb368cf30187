#!/usr/bin/env node
// npm run check:pack — rt-sim as a user gets it: pack, install into a new project, use it.
//
// 1. `npm pack` into a temp folder; a new project outside the repository (`npm init -y`)
//    installs the tarball with production dependencies only, plus the newest msw 2.x and
//    vitest 4 that install on this Node (--engine-strict).
// 2. From that project: `rt-sim --version`, `--help`, `run --bundled --workers 2`, `validate`,
//    `fuzz --runs 20`, `conform` with the installed dist/adapter/rt-sim-adapter.js, and a
//    `serve` that a plain `ws` client talks to, then reads the journal of through rt-sim/control.
// 3. Every entry of the installed package.json `exports` imports and has named exports.
//    Entries that need the vitest runner (importing them outside it throws "Vitest failed
//    to …") are imported inside `vitest run` instead. A subpath ending in `setup` (a setup
//    file that registers matchers) may have no named exports. No entry exports what an
//    internal barrel of dist/ (`<folder>/internal.js`, `protocol/index.js`) adds.
// 4. The user test: when examples/user-test/ exists, its contents are copied into the
//    project root and `vitest run` must pass; then one value of its first golden file
//    (convention: examples/user-test/__golden__/*.json, sorted by name) is changed and
//    `vitest run` must fail with a diff (a `-` line and a `+` line besides vitest's
//    "- Expected / + Received" header). The value changed is the first string or number
//    met depth-first, so it must be one the user test compares.
// 5. `npm ls --omit=dev` in the project is clean; from the repository `publint`, and
//    `attw` on the packed tarball with --profile esm-only (rt-sim is ESM-only by design:
//    "type": "module", import conditions only, Node >= 20.19, where require(esm) works;
//    node10 resolution ignores `exports` and cannot find the subpaths at all).
//
// Every step prints its command; the first failure stops the check with exit 1. Temp
// folders are removed at the end, on failure too.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'rtsim-pack-'));
const packDir = path.join(tmp, 'pack');
const user = path.join(tmp, 'user');
const started = process.hrtime.bigint();

class CheckFailed extends Error {}

function fail(message) {
  throw new CheckFailed(message);
}

function step(title) {
  const s = Number((process.hrtime.bigint() - started) / 1_000_000n) / 1000;
  console.log(`\n== ${title} (${s.toFixed(1)} s)`);
}

/**
 * Runs `cmd args` in `cwd`, printing the command; returns its output. Fails the check on a non-zero
 * exit unless `expectFail`.
 */
function run(cmd, args, cwd, { expectFail = false, quiet = false, stdoutOnly = false, timeoutMs = 120_000 } = {}) {
  console.log(`$ ${[cmd, ...args].join(' ')}${cwd === repo ? '' : `   (in ${cwd})`}`);
  const r = spawnSync(cmd, args, {
    cwd,
    encoding: 'utf8',
    timeout: timeoutMs,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    maxBuffer: 64 * 1024 * 1024,
  });
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  if (!quiet) process.stdout.write(indent(output));
  if (r.error) fail(`${cmd} ${args.join(' ')}: ${r.error.message}`);
  if (expectFail ? r.status === 0 : r.status !== 0) {
    if (quiet) process.stdout.write(indent(output));
    fail(
      `${cmd} ${args.join(' ')} ` +
        (expectFail ? 'passed but should have failed' : `exited with ${r.status ?? r.signal}`),
    );
  }
  return stdoutOnly ? (r.stdout ?? '') : output;
}

function indent(text) {
  const lines = text.replace(/\n$/, '').split('\n');
  const shown =
    lines.length > 40 ? [...lines.slice(0, 15), `… ${lines.length - 30} lines …`, ...lines.slice(-15)] : lines;
  return text.trim() === '' ? '' : `${shown.map((l) => `    ${l}`).join('\n')}\n`;
}

async function main() {
  const pkg = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8'));

  step('1. pack, and install the tarball into a new project');
  mkdirSync(packDir);
  mkdirSync(user);
  const packed = JSON.parse(
    run('npm', ['pack', '--json', '--pack-destination', packDir], repo, { quiet: true, stdoutOnly: true }).replace(
      /^[^[]*/s,
      '',
    ),
  )[0];
  const tarball = path.join(packDir, packed.filename);
  console.log(
    `    ${packed.filename}: ${(packed.size / 1024).toFixed(0)} kB packed, ` +
      `${(packed.unpackedSize / 1024).toFixed(0)} kB unpacked, ${packed.entryCount} files`,
  );
  run('npm', ['init', '-y'], user, { quiet: true });
  run(
    'npm',
    ['install', '--omit=dev', '--engine-strict', '--no-audit', '--no-fund', tarball, 'msw@^2', 'vitest@^4'],
    user,
  );
  const installed = JSON.parse(readFileSync(path.join(user, 'node_modules/rt-sim/package.json'), 'utf8'));
  for (const name of ['msw', 'vitest'])
    console.log(
      `    ${name} ${JSON.parse(readFileSync(path.join(user, 'node_modules', name, 'package.json'), 'utf8')).version}`,
    );

  step('2. the CLI from the project');
  const version = run('npx', ['rt-sim', '--version'], user).trim();
  if (version !== pkg.version) fail(`rt-sim --version printed "${version}", package.json says ${pkg.version}`);
  if (!run('npx', ['rt-sim', '--help'], user).includes('Usage: rt-sim')) fail('rt-sim --help printed no usage');
  // Two worker threads whatever the machine: the threads load dist/cli/run-worker.js from the
  // installed package, and every scenario would fail if it were missing or did not load there.
  const bundled = run('npx', ['rt-sim', 'run', '--bundled', '--workers', '2'], user, { quiet: true, stdoutOnly: true });
  if (!/\d+ passed, 0 failed/.test(bundled))
    fail('rt-sim run --bundled --workers 2: no "N passed, 0 failed" in its report');
  console.log('    the bundled suite passed on 2 worker threads');
  run('npx', ['rt-sim', 'validate', 'node_modules/rt-sim/scenarios/text-reply.yaml'], user);
  run('npx', ['rt-sim', 'fuzz', '--runs', '20'], user);
  // rt-sim's own conform adapter as the docs tell users to start it, from the installed dist/.
  const adapter = 'node node_modules/rt-sim/dist/adapter/rt-sim-adapter.js';
  const conform = run('npx', ['rt-sim', 'conform', '--adapter', adapter, '--concurrency', '3'], user, {
    quiet: true,
    stdoutOnly: true,
  });
  if (!/scenario\(s\): (\d+) passed, 0 failed, 0 not applicable/.test(conform))
    fail('rt-sim conform with the installed adapter: not every marked bundled scenario passed');
  console.log('    rt-sim conform passed with the installed rt-sim adapter');
  await serveWithPlainWs();

  step('3. every entry of exports imports, with named exports, and none exports an internal');
  const entryNames = checkExports(installed.exports);
  checkInternals(installed.exports, entryNames);

  step('4. a user test against rt-sim/vitest and rt-sim/msw');
  userTest();

  step('5. npm ls, publint, attw');
  run('npm', ['ls', '--omit=dev', '--all'], user, { quiet: true });
  run('npx', ['publint', '--strict'], repo);
  run('npx', ['attw', tarball, '--profile', 'esm-only', '--no-emoji', '--no-color'], repo, { quiet: true });
  console.log('    attw: no problems (profile esm-only)');
}

/** `rt-sim serve` on a bundled scenario, talked to by a plain `ws` client written as a user would. */
async function serveWithPlainWs() {
  const client = path.join(user, 'ws-client.mjs');
  writeFileSync(
    client,
    `import WebSocket from 'ws';
import { createControlClient } from 'rt-sim/control';
const control = createControlClient(process.argv[2]);
const ws = new WebSocket(process.argv[2] + '?model=grok-4-1-fast-non-reasoning', {
  headers: { Authorization: 'Bearer any-key' },
});
const seen = [];
const give = setTimeout(() => {
  console.error('no response.done within 2.5 s; saw ' + seen.join(' '));
  process.exit(1);
}, 2500);
ws.on('error', (e) => { console.error(e.message); process.exit(1); });
ws.on('open', () => {
  ws.send(JSON.stringify({ type: 'session.update', session: { type: 'realtime', instructions: 'Be brief.' } }));
  ws.send(JSON.stringify({ type: 'session.update', session: { type: 'realtime', voice: 'eve' } }));
  ws.send(JSON.stringify({ type: 'response.create', response: {} }));
});
ws.on('message', async (data) => {
  seen.push(JSON.parse(String(data)).type);
  if (seen.at(-1) !== 'response.done') return;
  clearTimeout(give);
  console.log(seen.length + ' frames: ' + [...new Set(seen)].join(', '));
  // The control API through the installed rt-sim/control: the journal holds what this client saw.
  const { entries } = await control.journal();
  const done = entries.filter((e) => e.kind === 'frame' && e.type === 'response.done').length;
  if (done !== 1) { console.error('control journal: expected 1 response.done, got ' + done); process.exit(1); }
  console.log('control journal: ' + entries.length + ' entries');
  ws.close(1000);
});
`,
  );
  const args = ['rt-sim', 'serve', 'node_modules/rt-sim/scenarios/text-reply.yaml', '--duration', '3000'];
  console.log(`$ npx ${args.join(' ')} &   (in ${user})`);
  const server = spawn('npx', args, { cwd: user, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  server.stdout.on('data', (d) => (out += d));
  server.stderr.on('data', (d) => (out += d));
  const exited = new Promise((resolve) => server.on('close', (code) => resolve(code)));
  try {
    const url = await new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => done(new CheckFailed(`serve printed no "listening" line in 10 s:\n${indent(out)}`)),
        10_000,
      );
      const poll = setInterval(() => {
        const m = /^listening (ws:\/\/\S+)$/m.exec(out);
        if (m) done(undefined, m[1]);
      }, 20);
      exited.then(() => done(new CheckFailed(`serve exited before listening:\n${indent(out)}`)));
      function done(error, value) {
        clearTimeout(timer);
        clearInterval(poll);
        if (error) reject(error);
        else resolve(value);
      }
    });
    run('node', [client, url], user);
    const code = await exited;
    process.stdout.write(indent(out));
    if (code !== 0) fail(`rt-sim serve exited with ${code}, expected 0 (its verdict is above)`);
    if (!/"status": "passed"/.test(out)) fail('rt-sim serve printed no passed verdict');
  } finally {
    if (server.exitCode === null) server.kill();
  }
}

function checkExports(exportsField) {
  const entries = Object.keys(typeof exportsField === 'string' ? { '.': exportsField } : exportsField).filter(
    (k) => !k.includes('*') && k !== './package.json',
  );
  const specs = entries.map((k) => (k === '.' ? 'rt-sim' : `rt-sim/${k.slice(2)}`));
  const probe = path.join(user, 'exports-probe.mjs');
  writeFileSync(
    probe,
    `const results = {};
for (const spec of JSON.parse(process.argv[2])) {
  try { results[spec] = { names: Object.keys(await import(spec)).filter((n) => n !== 'default') }; }
  catch (e) { results[spec] = { error: String(e && e.message || e).split('\\n')[0] }; }
}
console.log(JSON.stringify(results));
`,
  );
  console.log(`$ node exports-probe.mjs '${JSON.stringify(specs)}'   (in ${user})`);
  const r = spawnSync('node', [probe, JSON.stringify(specs)], { cwd: user, encoding: 'utf8' });
  if (r.status !== 0) fail(`the import probe crashed:\n${indent(r.stdout + r.stderr)}`);
  const results = JSON.parse(r.stdout.trim().split('\n').at(-1));
  const inRunner = specs.filter((s) => /Vitest failed to/.test(results[s].error ?? ''));
  if (inRunner.length > 0) {
    // These entries call vitest's test API when imported, so they import only inside `vitest run`.
    const dir = path.join(user, 'exports-probe');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir);
    writeFileSync(
      path.join(dir, 'exports.test.mjs'),
      `import { test } from 'vitest';
import { writeFileSync } from 'node:fs';
test('entries import', async () => {
  const results = {};
  for (const spec of ${JSON.stringify(inRunner)}) {
    try { results[spec] = { names: Object.keys(await import(spec)).filter((n) => n !== 'default') }; }
    catch (e) { results[spec] = { error: String(e && e.message || e).split('\\n')[0] }; }
  }
  writeFileSync(${JSON.stringify(path.join(dir, 'results.json'))}, JSON.stringify(results));
});
`,
    );
    run('npx', ['vitest', 'run', '--root', dir], user, { quiet: true });
    Object.assign(results, JSON.parse(readFileSync(path.join(dir, 'results.json'), 'utf8')));
    rmSync(dir, { recursive: true, force: true });
  }
  for (const spec of specs) {
    const { names, error } = results[spec];
    const where = inRunner.includes(spec) ? ' (inside vitest)' : '';
    if (error !== undefined) fail(`import "${spec}"${where} failed: ${error}`);
    if (names.length === 0 && !/setup$/.test(spec)) fail(`"${spec}" imports but has no named exports`);
    console.log(
      `    ${spec}${where}: ${names.length} named exports` +
        (names.length > 0 ? ` (${names.slice(0, 6).join(', ')}${names.length > 6 ? ', …' : ''})` : ', a setup entry'),
    );
  }
  return Object.fromEntries(specs.map((spec) => [spec, results[spec].names]));
}

/**
 * The internal barrels of the installed dist/ (`<folder>/internal.js`, and `protocol/index.js`
 * beside the entry `protocol/public.js`) add names to their folder's public entry for rt-sim's
 * own layers. No entry of `exports` may export one: the same value for the entries that import
 * outside vitest, the same name for those that import only inside it.
 */
function checkInternals(exportsField, entryNames) {
  const dist = path.join(user, 'node_modules/rt-sim/dist');
  const barrels = readdirSync(dist, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(dist, d.name, 'internal.js')))
    .map((d) => ({ internal: `${d.name}/internal.js`, entry: `${d.name}/index.js` }));
  barrels.push({ internal: 'protocol/index.js', entry: 'protocol/public.js' });
  const entries = Object.entries(exportsField)
    .filter(([k]) => !k.includes('*') && k !== './package.json')
    .map(([k, t]) => ({ spec: k === '.' ? 'rt-sim' : `rt-sim/${k.slice(2)}`, file: t.import ?? t.default ?? t }));
  const probe = path.join(user, 'internals-probe.mjs');
  writeFileSync(
    probe,
    `import { pathToFileURL } from 'node:url';
const [dist, barrels, entries, runner] = JSON.parse(process.argv[2]);
const load = (file) => import(pathToFileURL(dist + '/' + file).href);
const added = [];
for (const { internal, entry } of barrels) {
  const inner = await load(internal);
  const outer = await load(entry);
  for (const [name, value] of Object.entries(inner))
    if (!(name in outer) || outer[name] !== value) added.push({ name, value, where: internal });
}
const leaks = [];
for (const { spec } of entries) {
  if (runner.includes(spec)) continue;
  const mod = await import(spec);
  const values = new Set(Object.values(mod).filter((v) => typeof v === 'object' || typeof v === 'function'));
  const names = new Set(Object.keys(mod));
  for (const a of added)
    if ((typeof a.value === 'object' || typeof a.value === 'function') ? values.has(a.value) : names.has(a.name))
      leaks.push(spec + ' exports ' + a.name + ' (' + a.where + ')');
}
console.log(JSON.stringify({ added: added.map((a) => a.name + ' (' + a.where + ')'), leaks }));
`,
  );
  const inRunner = entries.filter((e) => /vitest/.test(e.spec)).map((e) => e.spec);
  const arg = JSON.stringify([dist, barrels, entries, inRunner]);
  console.log(`$ node internals-probe.mjs …   (in ${user})`);
  const r = spawnSync('node', [probe, arg], { cwd: user, encoding: 'utf8' });
  if (r.status !== 0) fail(`the internals probe crashed:\n${indent(r.stdout + r.stderr)}`);
  const { added, leaks } = JSON.parse(r.stdout.trim().split('\n').at(-1));
  if (added.length === 0) fail('dist/ has no internal barrel that adds anything: the probe would prove nothing');
  const addedNames = new Set(added.map((a) => a.replace(/ \(.*$/, '')));
  for (const spec of inRunner)
    for (const name of entryNames[spec] ?? []) if (addedNames.has(name)) leaks.push(`${spec} exports ${name}`);
  if (leaks.length > 0) fail(`package entries export internals:\n${indent(leaks.join('\n'))}`);
  console.log(
    `    ${barrels.length} internal barrels add ${added.length} names` +
      ` (${[...addedNames].slice(0, 4).join(', ')}, …); no entry exports one`,
  );
}

function userTest() {
  const example = path.join(repo, 'examples/user-test');
  if (!existsSync(example))
    fail('examples/user-test is missing: the user test of docs/vitest.md is part of the pack check');
  cpSync(example, user, { recursive: true, filter: (src) => !/[/\\](node_modules|package(-lock)?\.json)$/.test(src) });
  run('npx', ['vitest', 'run'], user);
  const goldenDir = path.join(user, '__golden__');
  const goldens = existsSync(goldenDir)
    ? readdirSync(goldenDir)
        .filter((f) => f.endsWith('.json'))
        .sort()
    : [];
  if (goldens.length === 0) fail('examples/user-test has no __golden__/*.json to change');
  const file = path.join(goldenDir, goldens[0]);
  const golden = JSON.parse(readFileSync(file, 'utf8'));
  const changed = changeOneValue(golden);
  if (changed === undefined) fail(`__golden__/${goldens[0]} has no string or number value to change`);
  writeFileSync(file, `${JSON.stringify(golden, null, 2)}\n`);
  console.log(`    changed ${changed} in __golden__/${goldens[0]}`);
  const out = run('npx', ['vitest', 'run'], user, { expectFail: true });
  const diffLines = out.split('\n').filter((l) => !/^\s*[-+] (Expected|Received)\b/.test(l));
  if (!diffLines.some((l) => /^\s*-\s*\S/.test(l)) || !diffLines.some((l) => /^\s*\+\s*\S/.test(l)))
    fail('vitest failed, but its output shows no diff (no "-" and "+" lines)');
}

/** Changes the first number (+1) or string (appends "!") found depth-first; returns its JSON path. */
function changeOneValue(value, at = '$') {
  if (Array.isArray(value) || (value !== null && typeof value === 'object')) {
    for (const [k, v] of Object.entries(value)) {
      const where = Array.isArray(value) ? `${at}[${k}]` : `${at}.${k}`;
      if (typeof v === 'number' || typeof v === 'string') {
        value[k] = typeof v === 'number' ? v + 1 : `${v}!`;
        return where;
      }
      const inner = changeOneValue(v, where);
      if (inner !== undefined) return inner;
    }
  }
  return undefined;
}

try {
  await main();
  step('pack check passed');
} catch (e) {
  console.error(
    `\npack check FAILED: ` +
      `${e instanceof CheckFailed ? e.message : e instanceof Error ? (e.stack ?? e.message) : String(e)}`,
  );
  process.exitCode = 1;
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
