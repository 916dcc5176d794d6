// Build step: writes the compact CloudFormation specification index (dist/schema/spec-index) that `sls-eda lint` loads lazily.
import {mkdirSync, rmSync, writeFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'

const {buildIndex, loadSpecSource} = await import('../dist/schema/build-index.js')
const {INDEX_DIR_NAME} = await import('../dist/schema/load.js')

const started = performance.now()
const built = buildIndex(loadSpecSource())
const dir = fileURLToPath(new URL(`../dist/schema/${INDEX_DIR_NAME}/`, import.meta.url))
rmSync(dir, {recursive: true, force: true})
mkdirSync(dir, {recursive: true})
let bytes = 0
for (const [name, shard] of built.shards) {
  const text = JSON.stringify(shard)
  bytes += text.length
  writeFileSync(`${dir}${name}.json`, text)
}
const meta = JSON.stringify(built.meta)
bytes += meta.length
writeFileSync(`${dir}meta.json`, meta)
const types = Object.keys(built.meta.types).length
console.log(`schema index: ${types} resource types in ${built.shards.size} shards, ${(bytes / 1024).toFixed(0)} KiB, built in ${Math.round(performance.now() - started)} ms`)
