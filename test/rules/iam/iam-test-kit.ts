// Template builders the IAM rule tests share: a raw role with one inline statement, and a SAM function with Policies.
/** A raw CloudFormation role whose only inline policy holds `statement` (YAML flow text, indented under Statement). */
export function roleWith(statement: string, trust = '{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}'): string {
  return `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - ${trust}
      Policies:
        - PolicyName: app
          PolicyDocument:
            Statement:
              - ${statement}
`
}

/** A SAM function whose Policies are `policies` (YAML text indented by 8). */
export function samFunctionWith(policies: string): string {
  return `Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      CodeUri: .
      Policies:
${policies}
`
}
