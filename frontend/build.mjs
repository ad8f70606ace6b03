// Builds the browser bundles into src/main/resources/static/ (committed, so a machine with only a
// JDK runs the application). Deterministic: same sources + lock file => byte-identical output.
// Each built folder gets build-manifest.json (the SHA-256 over the inputs and of every built
// file); FrontendBundleFreshTest recomputes it in `./mvnw verify`.
import * as esbuild from 'esbuild';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import zlib from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const staticDir = path.join(here, '..', 'src', 'main', 'resources', 'static');

// One entry per page family. To add one: append
// { outdir, scripts: { name: 'src/dir/file.js' } } (a classic script) or entryPoints: {...} (ES modules);
// each name becomes <outdir>/<name>.js (+ <name>.css when it imports CSS).
export const ENTRIES = [
  {
    outdir: 'plan-assets',
    // classic scripts (loaded by <script src defer>): bundled alone, no shared chunks
    scripts: { plan: 'src/plan/plan.js' },
    // ES modules (loaded by <script type="module"> or import()): shared code in chunks/
    entryPoints: {
      bpmn: 'src/plan/bpmn/page.js',
      dmn: 'src/plan/dmn/page.js',
      form: 'src/plan/form/page.js',
      versions: 'src/plan/versions/page.js'
    }
  },
  // the phone pages (/tasks, /tasks/{id}, /sign-in): the shell, the task's form, the signed-out cleanup
  {
    outdir: 'tasks-assets',
    entryPoints: {
      shell: 'src/tasks/shell.js',
      task: 'src/tasks/task.js',
      'signed-out': 'src/tasks/signed-out.js'
    },
    // form-js-viewer imports feelers (its template language) whole, editor included: a phone that
    // only views forms does not need CodeMirror (a third of the viewer's bytes and start-up time)
    editorOnly: {
      '@codemirror/autocomplete': ['closeBrackets'],
      '@codemirror/commands': ['defaultKeymap'],
      '@codemirror/language': ['foldNodeProp', 'LRLanguage', 'foldInside', 'LanguageSupport', 'syntaxTree',
        'bracketMatching', 'indentOnInput'],
      '@codemirror/lint': ['linter', 'setDiagnosticsEffect'],
      '@codemirror/state': ['EditorState'],
      '@codemirror/view': ['EditorView', 'tooltips', 'keymap', 'lineNumbers'],
      '@lezer/markdown': ['parser'],
      '@bpmn-io/cm-theme': ['darkTheme', 'lightTheme'],
      '@bpmn-io/feel-lint': ['cmFeelLinter']
    },
    // the viewer takes one function of lodash: that function's module, not all of lodash
    narrowed: { lodash: "export { default as isEqual } from 'lodash/isEqual.js';" }
  }
];

// Stands in for packages only an editor uses (entry.editorOnly: package => the names imported from
// it). Each name is a function that does nothing: feelers calls one (linter) while it loads; the
// rest only run inside its editor, which a viewer never creates. A name missing here fails the build.
// entry.narrowed: package => the module that stands in for it (only what the bundle imports).
function editorOnlyPlugin(packages, narrowed = {}) {
  return {
    name: 'editor-only',
    setup(build) {
      build.onResolve({ filter: /^[a-z]/ }, (args) =>
        narrowed[args.path] ? { path: args.path, namespace: 'narrowed' } : undefined);
      build.onLoad({ filter: /.*/, namespace: 'narrowed' }, (args) => ({
        contents: narrowed[args.path], resolveDir: here, loader: 'js'
      }));
      build.onResolve({ filter: /^@(codemirror|lezer|bpmn-io)\// }, (args) =>
        packages[args.path] ? { path: args.path, namespace: 'editor-only' } : undefined);
      build.onLoad({ filter: /.*/, namespace: 'editor-only' }, (args) => ({
        contents: 'const none = () => undefined;\n' +
          packages[args.path].map((name) => `export const ${name} = none;`).join('\n') + '\n',
        loader: 'js'
      }));
    }
  };
}

// The inputs the manifest hashes: the sources, the pins and this script.
const INPUT_FILES = ['.npmrc', 'build.mjs', 'package.json', 'package-lock.json'];

function sha256(data) {
  return createHash('sha256').update(data).digest('hex');
}

function listFiles(dir, base = dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? listFiles(full, base) : [path.relative(base, full).split(path.sep).join('/')];
  });
}

// sha256 over "relative/path\n<sha256 of content>\n" for each input, sorted by path (UTF-16 order, as Java's String)
export function sourceHash() {
  const files = [...INPUT_FILES, ...listFiles(path.join(here, 'src')).map((f) => 'src/' + f)].sort();
  return sha256(files.map((f) => f + '\n' + sha256(fs.readFileSync(path.join(here, f))) + '\n').join(''));
}

function packageDirOf(input) {
  const i = input.lastIndexOf('node_modules/');
  if (i < 0) return null;
  const rest = input.slice(i + 'node_modules/'.length).split('/');
  const name = rest[0].startsWith('@') ? rest[0] + '/' + rest[1] : rest[0];
  return input.slice(0, i) + 'node_modules/' + name;
}

function licenceText(bundled) {
  const parts = [...bundled].sort().map((dir) => {
    const pkg = JSON.parse(fs.readFileSync(path.join(here, dir, 'package.json'), 'utf8'));
    const files = fs.readdirSync(path.join(here, dir))
      .filter((f) => /^(licen[cs]e|copying|notice)/i.test(f)).sort();
    const texts = files.map((f) => fs.readFileSync(path.join(here, dir, f), 'utf8').trim());
    const licence = typeof pkg.license === 'string' ? pkg.license : JSON.stringify(pkg.license || pkg.licenses);
    return `${pkg.name}@${pkg.version} (${licence})\n\n${texts.join('\n\n') || 'No licence file in the package; licence: ' + licence}`;
  });
  const unique = [...new Set(parts)];
  return 'Third-party software bundled into src/main/resources/static/ by frontend/build.mjs.\n' +
    'Generated; do not edit.\n\n' + unique.join('\n\n' + '-'.repeat(72) + '\n\n') + '\n';
}

async function build() {
  const hash = sourceHash();
  const bundled = new Set();
  for (const entry of ENTRIES) {
    const outdir = path.join(staticDir, entry.outdir);
    fs.rmSync(outdir, { recursive: true, force: true });
    const common = {
      absWorkingDir: here,
      outdir,
      bundle: true,
      minify: true,
      target: ['es2020'],
      legalComments: 'none',
      metafile: true,
      charset: 'utf8',
      chunkNames: 'chunks/[name]-[hash]',
      assetNames: 'assets/[name]-[hash]',
      loader: { '.woff': 'file', '.woff2': 'file', '.ttf': 'file', '.eot': 'file', '.svg': 'file', '.png': 'file' },
      define: { 'process.env.NODE_ENV': '"production"' },
      plugins: entry.editorOnly ? [editorOnlyPlugin(entry.editorOnly, entry.narrowed)] : [],
      logLevel: 'warning'
    };
    const inputs = [];
    if (entry.scripts) {
      const scripts = await esbuild.build({ ...common, entryPoints: entry.scripts, format: 'iife' });
      inputs.push(...Object.keys(scripts.metafile.inputs));
    }
    if (entry.entryPoints) {
      const modules = await esbuild.build({ ...common, entryPoints: entry.entryPoints, format: 'esm', splitting: true });
      inputs.push(...Object.keys(modules.metafile.inputs));
    }
    const dirs = inputs.map(packageDirOf).filter(Boolean);
    dirs.forEach((d) => bundled.add(d));
    const entryLicences = licenceText(new Set(dirs));
    fs.writeFileSync(path.join(outdir, 'THIRD-PARTY-LICENSES.txt'), entryLicences);
    // precompressed copies, served by Spring's EncodedResourceResolver to browsers that accept gzip
    for (const f of listFiles(outdir).filter((f) => /\.(js|css|txt)$/.test(f))) {
      const gz = zlib.gzipSync(fs.readFileSync(path.join(outdir, f)), { level: 9 });
      gz[9] = 3; // the header's OS byte, fixed so every platform writes the same bytes (mtime is 0)
      fs.writeFileSync(path.join(outdir, f + '.gz'), gz);
    }
    const files = {};
    for (const f of listFiles(outdir).sort()) files[f] = sha256(fs.readFileSync(path.join(outdir, f)));
    fs.writeFileSync(path.join(outdir, 'build-manifest.json'),
      JSON.stringify({ sourceHash: hash, files }, null, 2) + '\n');
  }
  fs.writeFileSync(path.join(here, 'THIRD-PARTY-LICENSES.txt'), licenceText(bundled));
  // the accessibility tests inject axe-core into the pages; a committed copy, so a JDK alone runs them
  const axe = path.join(here, '..', 'src', 'test', 'resources', 'axe');
  fs.mkdirSync(axe, { recursive: true });
  fs.copyFileSync(path.join(here, 'node_modules', 'axe-core', 'axe.min.js'), path.join(axe, 'axe.min.js'));
  fs.copyFileSync(path.join(here, 'node_modules', 'axe-core', 'LICENSE'), path.join(axe, 'LICENSE'));
}

await build();
