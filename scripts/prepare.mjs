// npm's `prepare` step: builds dist/ when it is missing, so that installs from git (`npm install github:…`, pre-commit's node hooks) get a CLI that runs; a built clone is left alone.
import {spawnSync} from 'node:child_process'
import {existsSync} from 'node:fs'

if (!existsSync(new URL('../dist/commands/lint.js', import.meta.url))) {
  const build = spawnSync('npm', ['run', 'build'], {stdio: 'inherit', shell: process.platform === 'win32'})
  process.exit(build.status ?? 1)
}
