// Lifecycle dates of Lambda managed runtimes, from the AWS Lambda runtimes page; update this table when AWS announces new dates.
// Source: https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html (supported and deprecated runtime tables).

export interface RuntimeLifecycle {
  /** Date (UTC, YYYY-MM-DD) the runtime is deprecated: no more security patches. */
  deprecated: string
  /** Date from which new functions with this runtime cannot be created, when announced. */
  blockCreate?: string
  /** Date from which existing functions with this runtime cannot be updated, when announced. */
  blockUpdate?: string
  /** The runtime to move to. */
  successor: string
}

const NODE = 'nodejs24.x'
const PYTHON = 'python3.14'
const JAVA = 'java25'
const DOTNET = 'dotnet10'
const RUBY = 'ruby3.4'
const PROVIDED = 'provided.al2023'

export const RUNTIME_LIFECYCLE: Readonly<Record<string, RuntimeLifecycle>> = {
  nodejs: {deprecated: '2016-10-31', blockCreate: '2016-10-31', blockUpdate: '2016-10-31', successor: NODE},
  'nodejs4.3': {deprecated: '2020-03-05', blockCreate: '2020-03-05', blockUpdate: '2020-03-05', successor: NODE},
  'nodejs4.3-edge': {deprecated: '2020-03-05', blockCreate: '2019-04-30', blockUpdate: '2019-04-30', successor: NODE},
  'nodejs6.10': {deprecated: '2019-08-12', blockCreate: '2019-08-12', blockUpdate: '2019-08-12', successor: NODE},
  'nodejs8.10': {deprecated: '2020-03-06', blockCreate: '2020-03-06', blockUpdate: '2020-03-06', successor: NODE},
  'nodejs10.x': {deprecated: '2021-07-30', blockCreate: '2021-07-30', blockUpdate: '2022-02-14', successor: NODE},
  'nodejs12.x': {deprecated: '2023-03-31', blockCreate: '2023-03-31', blockUpdate: '2023-04-30', successor: NODE},
  'nodejs14.x': {deprecated: '2023-12-04', blockCreate: '2024-07-09', blockUpdate: '2025-11-01', successor: NODE},
  'nodejs16.x': {deprecated: '2024-06-12', blockCreate: '2025-10-01', blockUpdate: '2025-11-01', successor: NODE},
  'nodejs18.x': {deprecated: '2025-09-01', blockCreate: '2025-10-01', blockUpdate: '2025-11-01', successor: NODE},
  'nodejs20.x': {deprecated: '2026-04-30', blockUpdate: '2026-07-01', successor: NODE},
  'nodejs22.x': {deprecated: '2027-04-30', blockUpdate: '2027-07-01', successor: NODE},
  'nodejs24.x': {deprecated: '2028-04-30', blockUpdate: '2028-07-01', successor: NODE},
  'python2.7': {deprecated: '2021-07-15', blockCreate: '2021-07-15', blockUpdate: '2022-05-30', successor: PYTHON},
  'python3.6': {deprecated: '2022-07-18', blockCreate: '2022-07-18', blockUpdate: '2022-08-29', successor: PYTHON},
  'python3.7': {deprecated: '2023-12-04', blockCreate: '2024-01-09', blockUpdate: '2025-11-01', successor: PYTHON},
  'python3.8': {deprecated: '2024-10-14', blockCreate: '2025-10-01', blockUpdate: '2025-11-01', successor: PYTHON},
  'python3.9': {deprecated: '2025-12-15', successor: PYTHON},
  'python3.10': {deprecated: '2026-06-30', blockUpdate: '2026-08-31', successor: PYTHON},
  'python3.11': {deprecated: '2026-06-30', blockUpdate: '2026-08-31', successor: PYTHON},
  'python3.12': {deprecated: '2028-10-31', blockUpdate: '2029-01-10', successor: PYTHON},
  'python3.13': {deprecated: '2029-06-30', blockUpdate: '2029-08-31', successor: PYTHON},
  'python3.14': {deprecated: '2029-06-30', blockUpdate: '2029-08-31', successor: PYTHON},
  java8: {deprecated: '2024-01-08', blockCreate: '2024-02-08', blockUpdate: '2025-11-01', successor: JAVA},
  'java8.al2': {deprecated: '2026-06-30', blockUpdate: '2026-08-31', successor: JAVA},
  java11: {deprecated: '2026-06-30', blockUpdate: '2026-08-31', successor: JAVA},
  java17: {deprecated: '2026-06-30', blockUpdate: '2026-08-31', successor: JAVA},
  java21: {deprecated: '2029-06-30', blockUpdate: '2029-08-31', successor: JAVA},
  java25: {deprecated: '2029-06-30', blockUpdate: '2029-08-31', successor: JAVA},
  'dotnetcore1.0': {deprecated: '2019-06-27', blockCreate: '2019-07-30', blockUpdate: '2019-07-30', successor: DOTNET},
  'dotnetcore2.0': {deprecated: '2019-05-30', blockCreate: '2019-05-30', blockUpdate: '2019-05-30', successor: DOTNET},
  'dotnetcore2.1': {deprecated: '2022-01-05', blockCreate: '2022-01-05', blockUpdate: '2022-04-13', successor: DOTNET},
  'dotnetcore3.1': {deprecated: '2023-04-03', blockCreate: '2023-04-03', blockUpdate: '2023-05-03', successor: DOTNET},
  'dotnet5.0': {deprecated: '2022-05-10', blockCreate: '2022-05-10', blockUpdate: '2022-05-10', successor: DOTNET},
  dotnet6: {deprecated: '2024-12-20', blockCreate: '2025-10-01', blockUpdate: '2025-11-01', successor: DOTNET},
  dotnet7: {deprecated: '2024-05-14', blockCreate: '2024-05-14', blockUpdate: '2024-05-14', successor: DOTNET},
  dotnet8: {deprecated: '2026-11-10', blockUpdate: '2027-01-11', successor: DOTNET},
  dotnet10: {deprecated: '2028-11-14', blockUpdate: '2029-01-15', successor: DOTNET},
  'ruby2.5': {deprecated: '2021-07-30', blockCreate: '2021-07-30', blockUpdate: '2022-03-31', successor: RUBY},
  'ruby2.7': {deprecated: '2023-12-07', blockCreate: '2024-01-09', blockUpdate: '2025-11-01', successor: RUBY},
  'ruby3.2': {deprecated: '2026-03-31', blockUpdate: '2026-05-31', successor: RUBY},
  'ruby3.3': {deprecated: '2027-03-31', blockUpdate: '2027-05-31', successor: RUBY},
  'ruby3.4': {deprecated: '2028-03-31', blockUpdate: '2028-05-31', successor: RUBY},
  'go1.x': {deprecated: '2024-01-08', blockCreate: '2024-02-08', blockUpdate: '2025-11-01', successor: PROVIDED},
  provided: {deprecated: '2024-01-08', blockCreate: '2024-02-08', blockUpdate: '2025-11-01', successor: PROVIDED},
  'provided.al2': {deprecated: '2026-06-30', blockUpdate: '2026-08-31', successor: PROVIDED},
  'provided.al2023': {deprecated: '2029-06-30', blockUpdate: '2029-08-31', successor: PROVIDED},
}

const DAY_MS = 86_400_000

/** Midnight UTC of a YYYY-MM-DD date. */
export function utcDate(text: string): Date {
  return new Date(`${text}T00:00:00Z`)
}

/** Whole days from `now` until `date` (negative once past). */
export function daysUntil(now: Date, date: string): number {
  return Math.ceil((utcDate(date).getTime() - now.getTime()) / DAY_MS)
}
