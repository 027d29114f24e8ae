/**
 * A throwaway PostgreSQL server for the tests and `bench:sql --engine postgres`: `initdb` into a temporary folder,
 * `pg_ctl start` on a Unix socket in that folder (no TCP port), UTF-8 with a
 * UTF-8 ctype (so lower() folds Cyrillic), trust authentication; stopped and
 * removed by `stop()`. Servers refuse to run as root, so when the test runs as
 * root (CI) the server runs as the `postgres` user through `runuser`. The
 * server is a daemon of its own session (a terminal's Ctrl-C does not reach
 * it): whoever starts it must call `stop()`, also when interrupted.
 *
 * @module
 */
import { join } from "node:path";

/** A running server. */
export interface PostgresServer {
  /** pg client settings. */
  connection: { host: string; port: number; user: string; database: string };
  /** A folder the server can read files from (for COPY … FROM). */
  shared: string;
  stop(): Promise<void>;
}

/**
 * The newest PostgreSQL's binaries folder of Debian's packages, if any.
 *
 * @example
 * ```ts
 * await postgresBinaries(); // "/usr/lib/postgresql/15/bin", or undefined
 * ```
 */
export async function postgresBinaries(): Promise<string | undefined> {
  const root = "/usr/lib/postgresql";
  const versions: number[] = [];
  try {
    for await (const e of Deno.readDir(root)) if (/^\d+$/.test(e.name)) versions.push(Number(e.name));
  } catch {
    return undefined;
  }
  for (const v of versions.sort((a, b) => b - a)) {
    const bin = join(root, String(v), "bin");
    try {
      await Deno.stat(join(bin, "initdb"));
      return bin;
    } catch { /* next */ }
  }
  return undefined;
}

/**
 * Starts a server, or returns why it cannot (the tests print that and skip).
 *
 * @example
 * ```ts
 * const server = await startPostgres();
 * if (typeof server !== "string") await server.stop();
 * ```
 */
export async function startPostgres(): Promise<PostgresServer | string> {
  const bin = await postgresBinaries();
  if (!bin) return "no PostgreSQL binaries under /usr/lib/postgresql/*/bin (./oneclick installs them)";
  const root = Deno.uid() === 0;
  const user = root ? "postgres" : (Deno.env.get("USER") ?? "postgres");
  const dir = await Deno.makeTempDir({ prefix: "oneclick-pg-" });
  await Deno.chmod(dir, 0o755);
  const data = join(dir, "data"), shared = join(dir, "shared");
  await Deno.mkdir(shared, { mode: 0o777 });
  await Deno.chmod(shared, 0o777);
  if (root) {
    const chown = await new Deno.Command("chown", { args: ["postgres", dir] }).output();
    if (!chown.success) return `cannot hand ${dir} to the postgres user`;
  }
  const run = async (cmd: string, args: string[]) => {
    const command = root
      ? new Deno.Command("runuser", { args: ["-u", "postgres", "--", join(bin, cmd), ...args], stdin: "null" })
      : new Deno.Command(join(bin, cmd), { args, stdin: "null" });
    const r = await command.output();
    return { ok: r.success, text: new TextDecoder().decode(r.stderr) + new TextDecoder().decode(r.stdout) };
  };
  const port = 5432 + 1000 + (Deno.pid % 1000);
  const remove = () => Deno.remove(dir, { recursive: true }).catch(() => {});
  const init = await run("initdb", ["-D", data, "-U", user, "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8"]);
  if (!init.ok) {
    await remove();
    return `initdb failed: ${init.text.trim().split("\n").slice(-3).join(" ")}`;
  }
  const options = `-c listen_addresses='' -k ${dir} -p ${port} -c fsync=off -c shared_buffers=64MB`;
  const start = await run("pg_ctl", ["-D", data, "-o", options, "-l", join(dir, "log"), "-w", "-t", "30", "start"]);
  if (!start.ok) {
    await remove();
    return `pg_ctl start failed: ${start.text.trim().split("\n").slice(-3).join(" ")}`;
  }
  return {
    connection: { host: dir, port, user, database: "postgres" },
    shared,
    stop: async () => {
      await run("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]);
      await remove();
    },
  };
}
