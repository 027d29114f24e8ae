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

/** Wall and CPU seconds of one timed part, and the process's peak RSS after it. */
export interface PartFigures {
  seconds: number;
  cpuSeconds: number;
  peakRssMb: number;
}

/**
 * Times named parts one after another: each part's figures go into `result`
 * (in the order the parts ran) and one line to stderr as it ends.
 *
 * @example
 * ```ts
 * const { time, result } = partTimer();
 * await time("sum", () => [1, 2, 3].reduce((a, b) => a + b));
 * result.sum?.seconds;
 * ```
 */
export function partTimer(): {
  time: <T>(name: string, f: () => T | Promise<T>) => Promise<T>;
  result: Record<string, PartFigures>;
} {
  const result: Record<string, PartFigures> = {};
  async function time<T>(name: string, f: () => T | Promise<T>): Promise<T> {
    const t0 = performance.now(), c0 = cpuSeconds();
    const out = await f();
    const seconds = Math.round(performance.now() - t0) / 1000, cpu = Math.round((cpuSeconds() - c0) * 100) / 100;
    result[name] = { seconds, cpuSeconds: cpu, peakRssMb: Math.round(peakRssBytes() / 2 ** 20) };
    console.error(`${name}: ${seconds} s (CPU ${cpu} s), peak RSS ${result[name]!.peakRssMb} MB`);
    return out;
  }
  return { time, result };
}
