/**
 * What the benchmarks print about their own process on Linux: the peak
 * resident set size and the CPU seconds so far, worker threads included
 * (threads share the process).
 *
 * @module
 */

/**
 * Peak resident set size of this process so far (VmHWM), in bytes.
 *
 * @example
 * ```ts
 * Math.round(peakRssBytes() / 2 ** 20); // MiB
 * ```
 */
export function peakRssBytes(): number {
  const status = Deno.readTextFileSync("/proc/self/status");
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) * 1024;
}

/**
 * CPU seconds (user + system) of this process so far, every thread included.
 *
 * @example
 * ```ts
 * const c0 = cpuSeconds();
 * cpuSeconds() - c0; // CPU spent since
 * ```
 */
export function cpuSeconds(): number {
  // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th, in clock ticks (100/s).
  const stat = Deno.readTextFileSync("/proc/self/stat");
  const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(f[11]) + Number(f[12])) / 100;
}
