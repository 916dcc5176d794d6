// Webhook signature check: HMAC-SHA256 over "<timestamp>.<body>", compared in constant time, with a timestamp tolerance against replays.
import {createHmac, timingSafeEqual} from 'node:crypto'

export type Verdict = {ok: true} | {ok: false; reason: 'missing-headers' | 'stale-timestamp' | 'bad-signature'}

/** The signature a sender computes: hex HMAC-SHA256 of `${timestamp}.${body}` with the shared secret. */
export function sign(secret: string, timestamp: string, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')
}

/**
 * Accepts a request only when its timestamp is within `toleranceSeconds` of `nowSeconds` (a
 * captured request replayed later is refused) and its signature matches. The comparison takes the
 * same time whatever the bytes, so the signature cannot be guessed one byte at a time.
 */
export function verify(secret: string, body: string, timestamp: string | undefined, signature: string | undefined, nowSeconds: number, toleranceSeconds: number): Verdict {
  if (!timestamp || !signature || !/^\d{1,12}$/.test(timestamp)) return {ok: false, reason: 'missing-headers'}
  if (Math.abs(nowSeconds - Number(timestamp)) > toleranceSeconds) return {ok: false, reason: 'stale-timestamp'}
  const expected = Buffer.from(sign(secret, timestamp, body), 'utf8')
  const given = Buffer.from(signature.replace(/^sha256=/, ''), 'utf8')
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return {ok: false, reason: 'bad-signature'}
  return {ok: true}
}
