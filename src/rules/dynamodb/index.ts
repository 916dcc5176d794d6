// dynamodb rules: DynamoDB tables (DDB), stateful resources' retention, and Kinesis streams (KIN).
import type {Rule} from '../types.js'
import provisionedTableWithoutAutoscaling from './dynamodb-provisioned-table-without-autoscaling.js'
import statefulResourceNotRetained from './dynamodb-stateful-resource-not-retained.js'
import tableWithoutPitr from './dynamodb-table-without-pitr.js'
import streamWithoutEncryption from './kinesis-stream-without-encryption.js'

export const DYNAMODB_RULES: Rule[] = [tableWithoutPitr, provisionedTableWithoutAutoscaling, statefulResourceNotRetained, streamWithoutEncryption]
