// npm's `prepare` step: builds dist/ when it is missing, so that installs from git (`npm install github:…`, pre-commit's node hooks) or of an unbuilt folder get a CLI that runs.
import {spawnSync} from 'node:child_process'
import {existsSync} from 'node:fs'
import {fileURLToPath} from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const npm = (args) => {
  const result = spawnSync('npm', args, {cwd: root, stdio: 'inherit', shell: process.platform === 'win32'})
  if (result.status !== 0) process.exit(result.status ?? 1)
}

// `npm ci` is how contributors and CI install; they build with `npm test` or `npm run build`, so it is not built twice.
if (process.env.npm_command !== 'ci' && !existsSync(new URL('../dist/commands/lint.js', import.meta.url))) {
  // A global install from git (`npm install -g git+…`, which is how pre-commit installs node hooks) runs prepare
  // without the devDependencies the build needs (https://github.com/npm/cli/issues/8440): install them here first.
  if (!existsSync(new URL('../node_modules/typescript/package.json', import.meta.url))) {
    npm(['install', '--global=false', '--prefix', root, '--include=dev', '--ignore-scripts', '--no-save', '--no-audit', '--no-fund'])
  }
  npm(['run', 'build'])
}
