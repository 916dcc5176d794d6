// Reads the pass/fail fixture templates of a rule and builds small templates for table-driven cases.
import {readFileSync} from 'node:fs'

/** Text of test/fixtures/rules/<id>/<name>. */
export function fixture(id: string, name: string): string {
  return readFileSync(new URL(`../../fixtures/rules/${id}/${name}`, import.meta.url), 'utf8')
}

/** A SAM template with the given resources (YAML, indented by two spaces under Resources). */
export function sam(resources: string, extra = ''): string {
  return `Transform: AWS::Serverless-2016-10-31\n${extra}Resources:\n${resources}`
}

/** A raw CloudFormation template with the given resources. */
export function cfn(resources: string, extra = ''): string {
  return `AWSTemplateFormatVersion: '2010-09-09'\n${extra}Resources:\n${resources}`
}

/** A minimal raw function named `id`, with extra properties (YAML lines at six spaces). */
export function rawFunction(id: string, properties = ''): string {
  return `  ${id}:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Role: arn:aws:iam::123456789012:role/worker
      Code:
        ZipFile: exports.handler = async () => {}
${properties}`
}

/** A minimal SAM function named `id`, with extra properties (YAML lines at six spaces). */
export function samFunction(id: string, properties = ''): string {
  return `  ${id}:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      CodeUri: src/
${properties}`
}
