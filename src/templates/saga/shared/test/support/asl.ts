// A small local runner for the saga's state machine definition: Task, Pass, Succeed and Fail states, ResultPath and Catch.
// It runs the real definition file against the real handlers, so tests see the order in which steps and compensations run.
import type {Context} from 'aws-lambda'

interface State {
  Type: string
  Resource?: string
  Next?: string
  End?: boolean
  ResultPath?: string | null
  Catch?: Array<{ErrorEquals: string[]; ResultPath?: string | null; Next: string}>
  Error?: string
}

export interface Definition {
  StartAt: string
  States: Record<string, State>
}

export type TaskHandler = (input: never, context: Context) => Promise<unknown>

export interface Execution {
  status: 'SUCCEEDED' | 'FAILED'
  error?: string
  visited: string[]
  output: Record<string, unknown>
}

function withResult(input: Record<string, unknown>, resultPath: string | null | undefined, result: unknown): Record<string, unknown> {
  if (resultPath === null) return input
  if (resultPath === undefined || resultPath === '$') return result as Record<string, unknown>
  const key = resultPath.replace(/^\$\./, '')
  return {...input, [key]: result}
}

/** Runs the definition; `handlers` maps each `${Substitution}` of a Task's Resource to the function it names. */
export async function execute(definition: Definition, handlers: Record<string, TaskHandler>, input: Record<string, unknown>, context: Context): Promise<Execution> {
  const visited: string[] = []
  let name = definition.StartAt
  let data = input
  for (let steps = 0; steps < 100; steps++) {
    const state = definition.States[name]
    if (!state) throw new Error(`no state ${name}`)
    visited.push(name)
    if (state.Type === 'Succeed') return {status: 'SUCCEEDED', visited, output: data}
    if (state.Type === 'Fail') return {status: 'FAILED', error: state.Error, visited, output: data}
    if (state.Type === 'Task') {
      const variable = /^\$\{(\w+)\}$/.exec(state.Resource ?? '')?.[1]
      const handler = variable ? handlers[variable] : undefined
      if (!handler) throw new Error(`no handler for ${state.Resource}`)
      try {
        data = withResult(data, state.ResultPath, await handler(data as never, context))
      } catch (error) {
        const name_ = (error as Error).name
        const handled = state.Catch?.find((rule) => rule.ErrorEquals.includes('States.ALL') || rule.ErrorEquals.includes(name_))
        if (!handled) return {status: 'FAILED', error: name_, visited, output: data}
        data = withResult(data, handled.ResultPath, {Error: name_, Cause: (error as Error).message})
        name = handled.Next
        continue
      }
    }
    if (state.End || !state.Next) return {status: 'SUCCEEDED', visited, output: data}
    name = state.Next
  }
  throw new Error('the execution did not end within 100 states')
}
