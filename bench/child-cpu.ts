import type { ChildProcess } from 'node:child_process';

/**
 * CPU time (user + system, milliseconds) a child API process has used so far: it asks, and
 * bench/sql-capture.preload.ts in the child answers the 'cpu-usage' message with process.cpuUsage().
 */
export function childCpuMs(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    const onMessage = (m: unknown) => {
      const usage = (m as { cpuUsage?: NodeJS.CpuUsage } | null)?.cpuUsage;
      if (!usage) return;
      child.off('message', onMessage);
      resolve((usage.user + usage.system) / 1000);
    };
    child.on('message', onMessage);
    child.send('cpu-usage');
  });
}
