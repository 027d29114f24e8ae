/**
 * The child processes of one job (the report build), started so that they can
 * all be ended together and none is left running: each in a process group of
 * its own (so a terminal's Ctrl-C reaches only us, and we decide how they
 * stop), and each with the job's id in its environment, which everything
 * they start inherits — also what leaves their process group, as Jupyter
 * kernels (a session each) and Chromium's crash handler do. Stopping sends
 * SIGTERM to the groups and to every process carrying the id, waits a grace
 * period, then SIGKILLs whatever remains and waits until it is gone.
 *
 * Finding processes by the id reads `/proc/<pid>/environ` (Linux); elsewhere
 * only the process groups are signalled.
 *
 * @module
 */

/** Defaults of {@linkcode ChildGroup}. */
export const CHILD_GROUP_DEFAULTS = {
  /** The environment variable that carries the job's id into every descendant. */
  variable: "ONECLICK_JOB",
  /** How long SIGTERM may take before SIGKILL, milliseconds. */
  graceMs: 2500,
  /** How long to wait for SIGKILLed processes to disappear, milliseconds. */
  killWaitMs: 2000,
  /** How often to look whether processes are gone, milliseconds. */
  pollMs: 50,
} as const;

/**
 * A job's child processes.
 *
 * @example
 * ```ts
 * const group = new ChildGroup("build-1234");
 * const child = group.spawn("python3", { args: ["-c", "import time; time.sleep(60)"] });
 * await group.stop(); // child and everything it started are gone
 * ```
 */
export class ChildGroup {
  /** The value of {@linkcode CHILD_GROUP_DEFAULTS.variable} in every descendant. */
  readonly id: string;
  /** Children spawned and not yet reaped: their pid is their process group. */
  readonly #running = new Map<number, Deno.ChildProcess>();
  #stopping: Promise<number[]> | undefined;

  constructor(id: string = crypto.randomUUID()) {
    this.id = id;
  }

  /** True once {@linkcode ChildGroup.stop} was called: no new child may start. */
  get stopped(): boolean {
    return this.#stopping !== undefined;
  }

  /**
   * Starts `command` in a new session (its own process group) with the job's
   * id in its environment. Throws when the group is already stopping.
   */
  spawn(command: string, options: Deno.CommandOptions = {}): Deno.ChildProcess {
    if (this.stopped) throw new Error(`not starting ${command}: the job is stopping`);
    const child = new Deno.Command(command, {
      ...options,
      env: { ...options.env, [CHILD_GROUP_DEFAULTS.variable]: this.id },
      detached: true,
    }).spawn();
    this.#running.set(child.pid, child);
    child.status.finally(() => this.#running.delete(child.pid));
    return child;
  }

  /**
   * Ends every child and every process that carries the job's id: SIGTERM,
   * up to {@linkcode CHILD_GROUP_DEFAULTS.graceMs} for them to exit, SIGKILL
   * for the rest, and resolves once none is left (or after
   * {@linkcode CHILD_GROUP_DEFAULTS.killWaitMs} more) with the pids of
   * those still there — none, unless one hangs in the kernel. Calling it
   * again returns the same promise.
   */
  stop(): Promise<number[]> {
    this.#stopping ??= this.#stop();
    return this.#stopping;
  }

  async #stop(): Promise<number[]> {
    await this.#signalAll("SIGTERM");
    await this.#gone(CHILD_GROUP_DEFAULTS.graceMs);
    if (await this.#anyLeft()) {
      await this.#signalAll("SIGKILL");
      await this.#gone(CHILD_GROUP_DEFAULTS.killWaitMs);
    }
    return [...new Set([...this.#running.keys(), ...await processesWith(CHILD_GROUP_DEFAULTS.variable, this.id)])];
  }

  /** Sends `signal` to the process group of `child` (one of ours), e.g. to end it after a time limit. */
  signalGroup(child: Deno.ChildProcess, signal: Deno.Signal): void {
    if (this.#running.has(child.pid)) signalGroup(child.pid, signal);
  }

  async #signalAll(signal: Deno.Signal): Promise<void> {
    for (const pid of this.#running.keys()) signalGroup(pid, signal);
    for (const pid of await processesWith(CHILD_GROUP_DEFAULTS.variable, this.id)) signalProcess(pid, signal);
  }

  async #anyLeft(): Promise<boolean> {
    return this.#running.size > 0 || (await processesWith(CHILD_GROUP_DEFAULTS.variable, this.id)).length > 0;
  }

  /** Resolves when nothing is left, or after `ms`. */
  async #gone(ms: number): Promise<void> {
    const until = performance.now() + ms;
    while (await this.#anyLeft()) {
      if (performance.now() >= until) return;
      await new Promise((r) => setTimeout(r, CHILD_GROUP_DEFAULTS.pollMs));
    }
  }
}

/**
 * Runs `work`, which starts its processes in `group` — or in a group of its
 * own, stopped when `work` ends, so that nothing it started outlives it —
 * and stops the group when `signal` aborts.
 *
 * @example
 * ```ts
 * import { withChildGroup } from "./child_group.ts";
 * const signal = AbortSignal.timeout(1000);
 * const r = await withChildGroup(undefined, signal, (g) => g.spawn("sleep", { args: ["5"] }).output());
 * ```
 */
export async function withChildGroup<T>(
  group: ChildGroup | undefined,
  signal: AbortSignal | undefined,
  work: (group: ChildGroup) => Promise<T>,
): Promise<T> {
  signal?.throwIfAborted();
  const g = group ?? new ChildGroup();
  const stop = () => void g.stop();
  signal?.addEventListener("abort", stop, { once: true });
  try {
    return await work(g);
  } finally {
    signal?.removeEventListener("abort", stop);
    if (group === undefined) await g.stop();
  }
}

function signalGroup(pgid: number, signal: Deno.Signal): void {
  try {
    Deno.kill(-pgid, signal);
  } catch {
    // the group is empty already
  }
}

function signalProcess(pid: number, signal: Deno.Signal): void {
  try {
    Deno.kill(pid, signal);
  } catch {
    // gone already
  }
}

/**
 * The live processes (zombies excluded) whose environment holds
 * `variable=value`, this process excepted; empty without `/proc`.
 *
 * @example
 * ```ts
 * await processesWith("ONECLICK_JOB", "build-1234"); // [40211, 40230]
 * ```
 */
export async function processesWith(variable: string, value: string): Promise<number[]> {
  const entry = `${variable}=${value}`;
  const latin1 = new TextDecoder("latin1");
  const pids: number[] = [];
  let entries: Deno.DirEntry[];
  try {
    entries = await Array.fromAsync(Deno.readDir("/proc"));
  } catch {
    return pids;
  }
  await Promise.all(entries.map(async (e) => {
    if (!/^\d+$/.test(e.name)) return;
    const pid = Number(e.name);
    if (pid === Deno.pid) return;
    try {
      const env = latin1.decode(await Deno.readFile(`/proc/${pid}/environ`));
      if (!env.split("\0").includes(entry)) return;
      if (processState(await Deno.readTextFile(`/proc/${pid}/stat`)) === "Z") return;
      pids.push(pid);
    } catch {
      // gone, a kernel thread, or another user's process
    }
  }));
  return pids.sort((a, b) => a - b);
}

/** The state letter of a `/proc/<pid>/stat` line (R, S, D, Z, …). */
export function processState(stat: string): string {
  const end = stat.lastIndexOf(")");
  return stat.slice(end + 2, end + 3);
}
