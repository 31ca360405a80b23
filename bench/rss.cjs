// Preloaded into each measured process: writes its peak RSS (KiB) where BENCH_RSS_FILE says.
process.on('exit', () => {
  if (process.env.BENCH_RSS_FILE) require('node:fs').writeFileSync(process.env.BENCH_RSS_FILE, String(process.resourceUsage().maxRSS));
});
