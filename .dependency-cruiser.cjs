// @ts-check
/**
 * The layer rules of src/ (docs/architecture.md), checked by dependency-cruiser in `npm test`
 * (test/architecture/layers.test.ts): errors at the very bottom; protocol, clock and audio; worker pools; links and
 * transcripts; client and simulator side by side, never importing each other; recorder,
 * harness, fuzz; CLI and rt-sim/vitest on top. No cycles, not even of types.
 */

/** The folders each folder of src/ may import, besides itself. */
const LAYERS = {
  errors: [],
  clock: ['errors'],
  protocol: ['errors', 'clock'],
  // The one resampler, WAV reader and writer, and G.711, for client and simulator alike.
  audio: ['errors'],
  link: ['errors', 'clock', 'protocol'],
  transcript: ['errors', 'clock', 'protocol', 'audio'],
  recorder: ['errors', 'clock', 'protocol', 'link', 'transcript'],
  client: ['errors', 'clock', 'protocol', 'audio', 'link'],
  simulator: ['errors', 'clock', 'protocol', 'audio', 'link', 'transcript'],
  harness: ['errors', 'clock', 'protocol', 'audio', 'link', 'transcript', 'client', 'simulator'],
  // rt-sim conform: the bundled scenarios played through an adapter process (docs/conform.md).
  conform: ['errors', 'clock', 'protocol', 'audio', 'link', 'simulator', 'harness'],
  // The adapter of rt-sim's own client for rt-sim conform: a client of the adapter protocol, like any other.
  adapter: ['errors', 'clock', 'protocol', 'audio', 'client'],
  // Worker threads (tinypool) for run and fuzz --workers.
  pool: ['errors'],
  fuzz: ['errors', 'clock', 'protocol', 'audio', 'link', 'transcript', 'client', 'simulator', 'harness', 'pool'],
  cli: [
    'errors',
    'clock',
    'protocol',
    'audio',
    'link',
    'transcript',
    'recorder',
    'client',
    'simulator',
    'harness',
    'fuzz',
    'pool',
    'conform',
  ],
  // rt-sim/control: a fetch client of serve's control API; it imports the others' types only.
  control: ['errors', 'simulator', 'harness'],
  // rt-sim/vitest, beside the CLI: fixtures and matchers over the harness for users' tests.
  vitest: ['errors', 'clock', 'protocol', 'audio', 'link', 'transcript', 'client', 'simulator', 'harness', 'control'],
  types: [],
};

/** The source of every entry of package.json `exports` (test/architecture/exports.test.ts keeps the two in step). */
const PUBLIC_ENTRIES = [
  '^src/index\\.ts$',
  '^src/client/index\\.ts$',
  '^src/simulator/index\\.ts$',
  '^src/simulator/msw/index\\.ts$',
  '^src/protocol/public\\.ts$',
  '^src/clock/index\\.ts$',
  '^src/control/index\\.ts$',
  '^src/vitest/index\\.ts$',
  '^src/vitest/setup\\.ts$',
];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'A cycle, even of types only, makes two modules one: split out what both need.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    ...Object.entries(LAYERS).map(([layer, allowed]) => ({
      name: `layer-${layer}`,
      comment: `src/${layer} may import only ${allowed.length === 0 ? 'itself' : allowed.map((l) => `src/${l}`).join(', ')}.`,
      severity: /** @type {const} */ ('error'),
      from: { path: `^src/${layer}/` },
      to: { path: '^src/', pathNot: [`^src/${layer}/`, ...allowed.map((l) => `^src/${l}/`)] },
    })),
    {
      name: 'root-barrel',
      comment: 'The package root re-exports the public entry points of the layers below the CLI.',
      severity: 'error',
      from: { path: '^src/index\\.ts$' },
      to: { path: '^src/', pathNot: ['^src/(clock|protocol|link|client|simulator|harness)/index\\.ts$', '^src/errors/'] },
    },
    {
      name: 'through-the-barrel',
      comment:
        'Another folder is imported only through a barrel: its index.ts (its public API) or its internal.ts (that plus what other folders use).',
      severity: 'error',
      from: { path: '^src/([^/]+)/' },
      to: { path: '^src/[^/]+/', pathNot: ['^src/$1/', '^src/[^/]+/(index|internal)\\.ts$'] },
    },
    {
      name: 'public-entries-not-internal',
      comment:
        "A package entry (package.json exports) is a barrel of the documented API: it never reaches an internal barrel (a folder's internal.ts, or src/protocol/index.ts, whose public entry is public.ts).",
      severity: 'error',
      from: { path: PUBLIC_ENTRIES },
      to: { path: ['^src/[^/]+/internal\\.ts$', '^src/protocol/index\\.ts$'] },
    },
    {
      name: 'vitest-only-in-rt-sim-vitest',
      comment: 'vitest is an optional peer: only src/vitest (rt-sim/vitest) may load it.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/vitest/' },
      to: { path: '^node_modules/vitest/' },
    },
    {
      name: 'no-dev-dependencies',
      comment: 'The installed package is the product: what src/ loads at run time is a dependency or a peer.',
      severity: 'error',
      from: { path: '^src/' },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only', 'npm-peer'] },
    },
    {
      name: 'resolvable',
      comment: 'Every import resolves.',
      severity: 'error',
      from: { path: '^src/' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
