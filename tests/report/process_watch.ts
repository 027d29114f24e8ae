/**
 * Watches the processes of a command under test through `/proc` (Linux), to
 * check afterwards that none of them is still running: every descendant of
 * the root seen while polling, and every process whose command line or
 * environment mentions one of the given marks (a unique temporary folder) —
 * which catches what left the process tree early (double forks, new
 * sessions). Zombies count as ended. Independent of the code under test.
 */

/** A process seen, with its start time so that a reused pid is not mistaken for it. */
export interface SeenProcess {
  pid: number;
  start: string;
  command: string;
}

interface Stat {
  ppid: number;
  state: string;
  start: string;
}

async function stat(pid: number): Promise<Stat | undefined> {
  try {
    const text = await Deno.readTextFile(`/proc/${pid}/stat`);
    const f = text.slice(text.lastIndexOf(")") + 2).split(" ");
    // Fields after the name: state (3), ppid (4), …, starttime (22).
    return { state: f[0]!, ppid: Number(f[1]), start: f[19]! };
  } catch {
    return undefined;
  }
}

async function text(path: string): Promise<string> {
  try {
    return new TextDecoder("latin1").decode(await Deno.readFile(path)).replaceAll("\0", " ").trim();
  } catch {
    return "";
  }
}

async function pids(): Promise<number[]> {
  const out: number[] = [];
  for await (const e of Deno.readDir("/proc")) if (/^\d+$/.test(e.name)) out.push(Number(e.name));
  return out;
}

/** Polls `/proc` and remembers the processes of a command. */
export class ProcessWatch {
  readonly seen = new Map<string, SeenProcess>();
  readonly #roots: Set<number>;
  readonly #marks: string[];
  /** Whether a (pid, start) mentions a mark; read once per process. */
  readonly #marked = new Map<string, boolean>();
  #timer: ReturnType<typeof setInterval> | undefined;
  #ticking: Promise<void> = Promise.resolve();

  constructor(roots: number[], marks: string[]) {
    this.#roots = new Set(roots);
    this.#marks = marks;
  }

  /** Polls every `ms` milliseconds until {@linkcode ProcessWatch.stop}. */
  start(ms = 50): this {
    this.#timer = setInterval(() => {
      this.#ticking = this.#ticking.then(() => this.tick());
    }, ms);
    return this;
  }

  stop(): Promise<void> {
    clearInterval(this.#timer);
    return this.#ticking;
  }

  /** One look at every process. */
  async tick(): Promise<void> {
    const stats = new Map<number, Stat>();
    await Promise.all((await pids()).map(async (pid) => {
      const s = await stat(pid);
      if (s && s.state !== "Z" && pid !== Deno.pid) stats.set(pid, s);
    }));
    const ours = new Set<number>();
    // Descendants of the roots: repeat until no process is added.
    for (let grown = true; grown;) {
      grown = false;
      for (const [pid, s] of stats) {
        if (ours.has(pid)) continue;
        if (this.#roots.has(pid) || this.#roots.has(s.ppid) || ours.has(s.ppid)) {
          ours.add(pid);
          grown = true;
        }
      }
    }
    await Promise.all([...stats].map(async ([pid, s]) => {
      const key = `${pid}:${s.start}`;
      let marked = this.#marked.get(key);
      if (marked === undefined) {
        const seenText = `${await text(`/proc/${pid}/cmdline`)}\n${await text(`/proc/${pid}/environ`)}`;
        marked = this.#marks.some((m) => seenText.includes(m));
        this.#marked.set(key, marked);
      }
      if (ours.has(pid) || marked) {
        // The command line is read again each time: a process may have exec'd another program since.
        const command = (await text(`/proc/${pid}/cmdline`)).slice(0, 160);
        if (command !== "" || !this.seen.has(key)) this.seen.set(key, { pid, start: s.start, command });
      }
    }));
  }

  /** The processes seen (or marked now) that are still running. */
  async running(): Promise<SeenProcess[]> {
    await this.tick();
    const alive: SeenProcess[] = [];
    for (const p of this.seen.values()) {
      const s = await stat(p.pid);
      if (s && s.state !== "Z" && s.start === p.start) alive.push(p);
    }
    return alive;
  }

  /** SIGKILLs every process seen that still runs: a failed test leaves nothing behind either. */
  async killAll(): Promise<void> {
    await this.stop();
    for (const p of await this.running()) {
      try {
        Deno.kill(p.pid, "SIGKILL");
      } catch {
        // gone meanwhile
      }
    }
  }

  /** Waits up to `ms` for every process seen to end; returns those still running. */
  async survivorsAfter(ms: number): Promise<SeenProcess[]> {
    const until = performance.now() + ms;
    for (;;) {
      const alive = await this.running();
      if (alive.length === 0 || performance.now() >= until) return alive;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
