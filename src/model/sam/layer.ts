// AWS::Serverless::LayerVersion: a Lambda layer version.
import type {ResourceDecl} from '../template.js'
import type {Expansion} from './expansion.js'

export function expandLayerVersion(expansion: Expansion, decl: ResourceDecl): void {
  expansion.out.push({...decl, type: 'AWS::Lambda::LayerVersion', origin: {...decl.origin, declaredType: decl.type}})
}
