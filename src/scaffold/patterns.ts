// The patterns `sls-eda new` can generate, as a data table: name, summary, flavours and what each deploys.

export const IAC_FLAVOURS = ['sam', 'cdk'] as const
export type Iac = (typeof IAC_FLAVOURS)[number]

export interface Pattern {
  name: string
  /** One line, shown by `--list` and in the prompt. */
  summary: string
  /** IaC flavours with a template folder `src/templates/<name>/<flavour>`. */
  flavours: readonly Iac[]
  /** Default project name when the user gives none. */
  defaultName: string
  /** Extra values for this pattern's templates (e.g. the saga's steps). */
  data?: Readonly<Record<string, unknown>>
}

export const PATTERNS: readonly Pattern[] = [
  {
    name: 'queue-worker',
    summary: 'SQS queue with a DLQ and alarms, consumed by an idempotent Lambda worker with partial batch responses.',
    flavours: IAC_FLAVOURS,
    defaultName: 'queue-worker',
  },
  {
    name: 'saga',
    summary: 'Step Functions saga (reserve → charge → confirm) with retries, catches and compensations in reverse order.',
    flavours: IAC_FLAVOURS,
    defaultName: 'booking-saga',
    data: {
      steps: [
        {id: 'Reserve', entry: 'reserve', description: 'Saga step - reserves the seats of a booking.', compensation: false},
        {id: 'Charge', entry: 'charge', description: 'Saga step - charges the customer.', compensation: false},
        {id: 'Confirm', entry: 'confirm', description: 'Saga step - confirms the booking.', compensation: false},
        {id: 'RefundPayment', entry: 'refund-payment', description: 'Saga compensation - refunds the payment, once.', compensation: true},
        {id: 'CancelReservation', entry: 'cancel-reservation', description: 'Saga compensation - releases the seats, once.', compensation: true},
      ],
    },
  },
  {
    name: 'outbox',
    summary: 'Transactional outbox: one DynamoDB transaction, a stream publisher to an EventBridge bus, and a consumer rule with a DLQ.',
    flavours: IAC_FLAVOURS,
    defaultName: 'orders-outbox',
  },
  {
    name: 'webhook',
    summary: 'API Gateway webhook receiver: HMAC signature and replay check, 202 after enqueueing to SQS, and a queue worker.',
    flavours: IAC_FLAVOURS,
    defaultName: 'webhook-receiver',
  },
  {
    name: 'fan-out',
    summary: 'SNS topic fanning out to several SQS queues with filter policies, DLQs and one worker per queue.',
    flavours: IAC_FLAVOURS,
    defaultName: 'order-fan-out',
    data: {
      subscribers: [
        {id: 'Billing', entry: 'billing-worker', filter: '["OrderPlaced", "OrderCancelled"]', summary: 'OrderPlaced and OrderCancelled', description: 'Bills placed orders and credits cancelled ones.'},
        {id: 'Shipping', entry: 'shipping-worker', filter: '["OrderPlaced"]', summary: 'OrderPlaced only', description: 'Prepares shipments for placed orders.'},
      ],
    },
  },
  {
    name: 'event-router',
    summary: 'Custom EventBridge bus with an archive and rules routing events to targets with DLQs and retry policies.',
    flavours: IAC_FLAVOURS,
    defaultName: 'event-router',
    data: {
      routes: [
        {id: 'FulfilOrder', entry: 'fulfil-order', source: 'orders', detailType: 'OrderPlaced', description: 'Starts fulfilment of placed orders.'},
        {id: 'RecordPayment', entry: 'record-payment', source: 'payments', detailType: 'PaymentReceived', description: 'Records received payments.'},
      ],
    },
  },
  {
    name: 'scheduled-job',
    summary: 'EventBridge Scheduler schedule with a flexible window, retry policy and DLQ, running a Lambda job.',
    flavours: IAC_FLAVOURS,
    defaultName: 'scheduled-job',
  },
]

export function findPattern(name: string): Pattern | undefined {
  return PATTERNS.find((pattern) => pattern.name === name)
}
