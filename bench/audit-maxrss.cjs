// Preloaded into the audited CLI by bench/audit.bench-run.ts: writes the process's peak resident memory and CPU time when it exits.
const {writeFileSync} = require('node:fs')

process.on('exit', () => {
  if (!process.env.SLS_EDA_MAXRSS_FILE) return
  const usage = process.resourceUsage()
  writeFileSync(process.env.SLS_EDA_MAXRSS_FILE, JSON.stringify({maxRssKb: usage.maxRSS, cpuMs: Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000)}))
})
