// Builds the CLI to JavaScript once (npm install runs this through "prepare"), so `rapport`
// starts without transpiling. `--if-stale` skips the build when dist is newer than every source.
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
const entry = join(root, 'dist', 'cli', 'main.js');

function newestSource(dir) {
  let newest = 0;
  for (const name of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, name.name);
    if (name.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (!name.name.endsWith('.test.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

if (process.argv.includes('--if-stale')) {
  let built = 0;
  try {
    built = statSync(entry).mtimeMs;
  } catch {}
  const inputs = Math.max(newestSource(join(root, 'src')), statSync(join(root, 'package.json')).mtimeMs);
  if (built > inputs) process.exit(0);
}

const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const result = await build({
  // the mbox reader's worker thread is its own entry, beside the chunks that start it
  entryPoints: {
    'cli/main': join(root, 'src', 'cli', 'main.ts'),
    'mbox-worker': join(root, 'src', 'app', 'import', 'mbox-worker.ts'),
  },
  outdir: join(root, 'dist'),
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  define: { RAPPORT_VERSION: JSON.stringify(version) },
  logLevel: 'warning',
  metafile: true,
  absWorkingDir: root,
});

// chunks of earlier builds (their names carry a hash) are removed: dist holds this build only
const outputs = new Set(Object.keys(result.metafile.outputs).map((path) => relative(root, join(root, path))));
const dist = join(root, 'dist');
for (const entry of readdirSync(dist, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile()) continue;
  const path = relative(root, join(entry.parentPath ?? entry.path, entry.name));
  if (!outputs.has(path)) rmSync(join(root, path));
}
