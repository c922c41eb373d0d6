// Preloaded (node -r) into a measured process: at exit, writes its peak RSS (kB) to $RSS_PROBE_FILE.
const { writeFileSync } = require('node:fs');
process.on('exit', () => {
  if (process.env.RSS_PROBE_FILE) writeFileSync(process.env.RSS_PROBE_FILE, String(process.resourceUsage().maxRSS));
});
