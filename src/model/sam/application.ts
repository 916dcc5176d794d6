// AWS::Serverless::Application: a nested CloudFormation stack.
import type {ResourceDecl} from '../template.js'
import type {Expansion} from './expansion.js'

export function expandApplication(expansion: Expansion, decl: ResourceDecl): void {
  expansion.out.push({...decl, type: 'AWS::CloudFormation::Stack', origin: {...decl.origin, declaredType: decl.type}})
}
