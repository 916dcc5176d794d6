// A lint worker thread: loads the same rules as the main thread and lints the template files it is sent, one message per file.
import {parentPort, workerData} from 'node:worker_threads'

import {resolveRules} from '../engine/config.js'
import {CATALOGUE, findRule} from '../rules/index.js'
import type {Rule} from '../rules/types.js'
import {lintTarget, type WorkerSetup} from './lint.js'
import type {Target} from './discover.js'

const setup = workerData as WorkerSetup
const catalogue: Rule[] = setup.ruleIds.map((id) => findRule(id) ?? CATALOGUE.find((rule) => rule.meta.id === id)!)
const {active} = resolveRules(catalogue, setup.config)

parentPort!.on('message', ({index, target}: {index: number; target: Target}) => {
  parentPort!.postMessage({index, files: lintTarget(target, active, setup.now, setup.fix, setup.edits)})
})
