// A lint worker thread: loads the same rules as the main thread and runs the jobs it is sent (a template on its own, or one application), one message per job.
import {parentPort, workerData} from 'node:worker_threads'

import {resolveRules} from '../engine/config.js'
import {CATALOGUE, findRule} from '../rules/index.js'
import type {Rule} from '../rules/types.js'
import {runJob, type WorkerJob, type WorkerSetup} from './lint.js'

const setup = workerData as WorkerSetup
const catalogue: Rule[] = setup.ruleIds.map((id) => findRule(id) ?? CATALOGUE.find((rule) => rule.meta.id === id)!)
const {active} = resolveRules(catalogue, setup.config)

parentPort!.on('message', ({position, job}: {position: number; job: WorkerJob}) => {
  parentPort!.postMessage({position, value: runJob(job, active, setup.now, setup.fix, setup.edits)})
})
