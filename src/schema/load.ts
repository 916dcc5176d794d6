// Loads the compact specification index lazily: the type list on first use, then one shard per service a template uses.
import {existsSync, readFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'

import {installedVersion} from '../lib/installed-version.js'
import {buildIndex, loadSpecSource} from './build-index.js'
import {INDEX_FORMAT, type IndexMeta, type ResourceEntry, type Shard} from './format.js'

/** Folder name of the index next to the compiled schema modules (dist/schema/spec-index). */
export const INDEX_DIR_NAME = 'spec-index'

interface LoadedIndex {
  meta: IndexMeta
  shard(name: string): Shard | undefined
  /** Names of the shards read so far. */
  loaded(): string[]
  /** Where the index came from, for benchmarks and diagnostics. */
  origin: 'files' | 'built'
}

let cached: LoadedIndex | undefined

/** Candidate folders: next to this module (built package), beside the bundle, or the build output when running from sources. */
function candidates(): string[] {
  // dist/schema/*.js, dist/bundle/*.js (the bundled lint fast path), src/schema/*.ts (tests).
  return [`./${INDEX_DIR_NAME}/`, `../schema/${INDEX_DIR_NAME}/`, `../../dist/schema/${INDEX_DIR_NAME}/`].map((relative) => fileURLToPath(new URL(relative, import.meta.url)))
}

function fromFiles(dir: string): LoadedIndex | undefined {
  const metaFile = `${dir}meta.json`
  if (!existsSync(metaFile)) return undefined
  const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as IndexMeta
  // An index from another layout or another specification version is stale: ignore it.
  if (meta.format !== INDEX_FORMAT) return undefined
  const installed = installedVersion('@aws-cdk/aws-service-spec')
  if (installed && installed !== meta.specVersion) return undefined
  const shards = new Map<string, Shard | undefined>()
  return {
    meta,
    origin: 'files',
    loaded: () => [...shards.keys()],
    shard(name) {
      if (!shards.has(name)) {
        const file = `${dir}${name}.json`
        shards.set(name, existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Shard) : undefined)
      }
      return shards.get(name)
    },
  }
}

/**
 * The index: read from the files the build wrote, or, when they are missing or stale (running from
 * sources before a build), built in memory from the specification package, which takes about a second.
 */
export function loadIndex(): LoadedIndex {
  if (cached) return cached
  for (const dir of candidates()) {
    const loaded = fromFiles(dir)
    if (loaded) return (cached = loaded)
  }
  return (cached = buildInMemory())
}

function buildInMemory(): LoadedIndex {
  const built = buildIndex(loadSpecSource())
  const read = new Set<string>()
  return {
    meta: built.meta,
    origin: 'built',
    loaded: () => [...read],
    shard(name) {
      read.add(name)
      return built.shards.get(name)
    },
  }
}

/** The index entry of a resource type, or undefined when the specification does not know it. */
export function resourceEntry(type: string): {entry: ResourceEntry; shard: Shard} | undefined {
  const index = loadIndex()
  const name = index.meta.types[type]
  if (name === undefined) return undefined
  const shard = index.shard(name)
  const entry = shard?.r[type]
  return shard && entry ? {entry, shard} : undefined
}

/** Every resource type the index knows, for did-you-mean suggestions. */
export function knownTypes(): string[] {
  return Object.keys(loadIndex().meta.types)
}

/** Where the index came from and which shards have been read: for tests and benchmarks. */
export function indexStatus(): {loaded: boolean; origin?: 'files' | 'built'; shards: string[]} {
  return cached ? {loaded: true, origin: cached.origin, shards: cached.loaded()} : {loaded: false, shards: []}
}

/** Forgets the loaded index (tests measure cold loads). */
export function resetIndexCache(): void {
  cached = undefined
}
