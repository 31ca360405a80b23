// Preloaded into each measured process: writes its peak RSS (KiB) and the CPU time it used
// (user + system, ms) where BENCH_RSS_FILE says. CPU time is the steadier figure on a machine
// shared with other work, where wall time also counts the waits for a core.
process.on('exit', () => {
  if (!process.env.BENCH_RSS_FILE) return;
  const usage = process.resourceUsage();
  require('node:fs').writeFileSync(process.env.BENCH_RSS_FILE, `${usage.maxRSS} ${(usage.userCPUTime + usage.systemCPUTime) / 1000}`);
});
