// Bundles the playground page (web/ui/main.js and its CSS) into web/dist with esbuild, and
// copies coi-serviceworker.js next to index.html (a service worker only controls pages at
// or below its own folder). The runtime (web/runtime/weft.js) is loaded at run time, not
// bundled: it finds its worker scripts and wasm next to itself.
//
//   node build.mjs [--dev]      (cargo xtask playground runs this)
import * as esbuild from 'esbuild';
import { readFileSync, readdirSync, copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const dev = process.argv.includes('--dev');

// `import examples from 'weft:examples'`: every web/examples/*.py, sorted by file name, with
// its title taken from the first comment line.
const examplesPlugin = {
  name: 'weft-examples',
  setup(build) {
    build.onResolve({ filter: /^weft:examples$/ }, () => ({ path: 'examples', namespace: 'weft' }));
    build.onLoad({ filter: /.*/, namespace: 'weft' }, () => {
      const dir = join(here, 'examples');
      const files = readdirSync(dir).filter((f) => f.endsWith('.py')).sort();
      const list = files.map((f) => {
        const code = readFileSync(join(dir, f), 'utf8');
        const first = code.split('\n')[0];
        const title = first.startsWith('#') ? first.replace(/^#\s*/, '').replace(/\.$/, '') : f;
        return { name: f.replace(/\.py$/, ''), title, code };
      });
      return { contents: `export default ${JSON.stringify(list)};`, loader: 'js', watchFiles: files.map((f) => join(dir, f)) };
    });
  },
};

const result = await esbuild.build({
  entryPoints: [join(here, 'ui/main.js')],
  outdir: join(here, 'dist'),
  bundle: true,
  splitting: true,
  format: 'esm',
  target: ['chrome110', 'firefox115', 'safari16.4'],
  minify: !dev,
  sourcemap: dev ? 'inline' : false,
  metafile: true,
  legalComments: 'none',
  external: ['../runtime/*'],
  loader: { '.css': 'css' },
  plugins: [examplesPlugin],
  logLevel: 'warning',
});
mkdirSync(join(here, 'dist'), { recursive: true });
copyFileSync(join(here, 'node_modules/coi-serviceworker/coi-serviceworker.min.js'), join(here, '..', 'coi-serviceworker.js'));
let total = 0;
for (const [file, info] of Object.entries(result.metafile.outputs)) {
  total += info.bytes;
  console.log(`  ${file.padEnd(40)} ${(info.bytes / 1024).toFixed(1).padStart(8)} KiB`);
}
console.log(`page bundle: ${(total / 1024).toFixed(1)} KiB (before gzip)`);
