// Runs on `npm install` inside a clone and when npm installs this package from a git URL or a folder: it builds
// dist/ with TypeScript when TypeScript is there (npm installs this package's devDependencies for a git URL). A
// folder linked without them keeps the dist/ it has; only a folder with neither fails, and says what to do. Then it
// prepares the Python runtimes' environment (scripts/python-environment.js).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { preparePythonEnvironment } from './python-environment.js';

const require = createRequire(import.meta.url);
const root = new URL('..', import.meta.url);
const built = existsSync(new URL('dist/cli/bin.js', root));

function findCompiler() {
  try {
    return require.resolve('typescript/bin/tsc');
  } catch {
    return null;
  }
}

const compiler = findCompiler();
if (compiler !== null) {
  execFileSync(process.execPath, [compiler, '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
} else if (!built) {
  process.stderr.write(
    'isolation-harness: dist/ is not built and TypeScript is not installed here, so the package cannot run. ' +
      'Install it from the registry or from a tarball (`npm pack` in a built clone), or run `npm install` inside the clone first.\n',
  );
  process.exit(1);
}
// In a clone, or a git or folder install: the Python runtimes' environment beside the package's python/ folder. Nothing
// of it may fail the install: without it the py- runtimes and the styles that need a package say what they lack.
if (existsSync(new URL('python/requirements.txt', root))) {
  try {
    preparePythonEnvironment();
  } catch (error) {
    process.stderr.write(
      `isolation-harness: could not prepare python/.venv (${error instanceof Error ? error.message : error}); the py- runtimes will say what they lack\n`,
    );
  }
}
