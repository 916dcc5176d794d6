#!/usr/bin/env node
// Writes docs/rules/<ID>.md for every rule and the index docs/rules/README.md from the compiled catalogue (run through `npm run docs`).
import {mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const out = path.join(root, 'docs/rules')

const {CATALOGUE} = await import(path.join(root, 'dist/rules/index.js'))
const {renderRuleIndex, renderRuleMarkdown} = await import(path.join(root, 'dist/lib/rule-docs.js'))

mkdirSync(out, {recursive: true})
const wanted = new Map(CATALOGUE.map((rule) => [`${rule.meta.id}.md`, renderRuleMarkdown(rule.meta)]))
wanted.set('README.md', renderRuleIndex(CATALOGUE.map((rule) => rule.meta)))

let written = 0
for (const [name, text] of wanted) {
  const file = path.join(out, name)
  let current
  try {
    current = readFileSync(file, 'utf8')
  } catch {
    current = undefined
  }
  if (current === text) continue
  writeFileSync(file, text)
  written++
}
// Pages of rules that no longer exist would keep being served as if they did.
let removed = 0
for (const name of readdirSync(out)) {
  if (name.endsWith('.md') && !wanted.has(name)) {
    rmSync(path.join(out, name))
    removed++
  }
}
console.log(`docs/rules: ${wanted.size - 1} rules, ${written} pages written, ${removed} removed`)
