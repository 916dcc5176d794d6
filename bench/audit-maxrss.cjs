// Preloaded into the audited CLI by bench/audit.bench-run.ts: writes the process's peak resident memory (KiB) when it exits.
const {writeFileSync} = require('node:fs')

process.on('exit', () => {
  if (process.env.SLS_EDA_MAXRSS_FILE) writeFileSync(process.env.SLS_EDA_MAXRSS_FILE, String(process.resourceUsage().maxRSS))
})
