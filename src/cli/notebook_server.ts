/**
 * `deno task notebook [--port N] [--no-browser] [--data DIR] [-- JUPYTER_OPTIONS…]`:
 * the interactive front door. Writes the Deno kernelspec into the project's
 * Jupyter data directory (`.tools/jupyter/`, never the user's
 * `~/.local/share/jupyter`) and starts the classic Jupyter Notebook server
 * (Debian's `jupyter-notebook`; `./oneclick notebook` installs it) in
 * `notebooks/` on 127.0.0.1, with `JUPYTER_PATH` and `JUPYTER_DATA_DIR`
 * pointing there. `--data` reaches the notebooks as `ONECLICK_DATA` (the
 * default of their `data` parameter). Options after `--` go to Jupyter
 * as they are (e.g. `--NotebookApp.token=…`). Ctrl-C (or SIGTERM) stops the
 * server and every kernel it started.
 *
 * @module
 */
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { installKernelspec, jupyterPath, KERNELSPEC_DEFAULTS } from "../notebook/kernelspec.ts";
import { ChildGroup } from "../util/child_group.ts";
import { EXIT_UNAVAILABLE } from "../util/exit_codes.ts";
import { wholeOption } from "./options.ts";
import { parseOptions, runCommand, UsageError } from "./run.ts";

/** Defaults of the notebook server. */
export const NOTEBOOK_SERVER_DEFAULTS = {
  /** The port; taken exactly (no search for a free one), so the printed URL is the one asked for. */
  port: 8888,
  /** Loopback only: the kernels run code with this user's rights. */
  ip: "127.0.0.1",
  /** The folder the server shows. */
  notebooks: fileURLToPath(new URL("../../notebooks", import.meta.url)),
  /** The server's command (Debian's jupyter-notebook package). */
  command: "jupyter-notebook",
  /** How long the server may take to shut its kernels down before everything is ended, milliseconds. */
  stopGraceMs: 10_000,
} as const;

const USAGE = "deno task notebook [--port N] [--no-browser] [--data DIR] [-- JUPYTER_OPTIONS…]";

/** The server's command line and environment, from the command's arguments. */
export interface ServerLaunch {
  args: string[];
  env: Record<string, string>;
}

/**
 * The `jupyter-notebook` arguments and the environment for `args` (this
 * command's own, then `--` and Jupyter's).
 *
 * @example
 * ```ts
 * serverLaunch(["--port", "9000", "--no-browser"]).args; // ["--notebook-dir=…/notebooks", "--ip=127.0.0.1", "--port=9000", …, "--no-browser"]
 * ```
 */
export function serverLaunch(args: string[]): ServerLaunch {
  const split = args.indexOf("--");
  const own = split < 0 ? args : args.slice(0, split), passed = split < 0 ? [] : args.slice(split + 1);
  const { values } = parseOptions(own, {
    port: { type: "string" },
    "no-browser": { type: "boolean" },
    data: { type: "string" },
  });
  const port = wholeOption("port", values.port, 1) ?? NOTEBOOK_SERVER_DEFAULTS.port;
  if (port > 65535) throw new UsageError(`--port must be a whole number from 1 to 65535, got "${values.port}"`);
  const env: Record<string, string> = {
    JUPYTER_PATH: jupyterPath(),
    // Runtime files, notebook signatures, kernelspecs: all in the project, none in the user's home.
    JUPYTER_DATA_DIR: KERNELSPEC_DEFAULTS.dir,
    // The python3 kernelspec's debugger warns about frozen modules on every start otherwise.
    PYDEVD_DISABLE_FILE_VALIDATION: "1",
  };
  // Absolute: the kernels run in notebooks/, not where the command was typed.
  if (values.data !== undefined) env.ONECLICK_DATA = resolve(values.data);
  return {
    args: [
      `--notebook-dir=${NOTEBOOK_SERVER_DEFAULTS.notebooks}`,
      `--ip=${NOTEBOOK_SERVER_DEFAULTS.ip}`,
      `--port=${port}`,
      "--NotebookApp.port_retries=0",
      // New notebooks get the Deno kernel, not Python.
      `--MultiKernelManager.default_kernel_name=${KERNELSPEC_DEFAULTS.name}`,
      ...(values["no-browser"] ? ["--no-browser"] : []),
      // Containers and CI run as root; Jupyter refuses that without this flag.
      ...(Deno.uid() === 0 ? ["--allow-root"] : []),
      ...passed,
    ],
    env,
  };
}

async function serve(args: string[]): Promise<number> {
  const launch = serverLaunch(args);
  await installKernelspec();
  const group = new ChildGroup();
  let server: Deno.ChildProcess;
  try {
    server = group.spawn(NOTEBOOK_SERVER_DEFAULTS.command, {
      args: launch.args,
      env: launch.env,
      cwd: NOTEBOOK_SERVER_DEFAULTS.notebooks,
      stdin: "null",
    });
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) {
      console.error(
        "Jupyter Notebook is not installed: `./oneclick notebook` installs Debian's jupyter-notebook package",
      );
      return EXIT_UNAVAILABLE;
    }
    throw e;
  }
  // The server runs in a process group of its own: a terminal's Ctrl-C reaches only us. A stop asks the server first
  // (SIGTERM: it shuts its kernels down and removes its runtime files), then ends whatever is left.
  // A terminal's Ctrl-C arrives twice (to us, and passed on by `deno task`): only a later one escalates.
  let stopped: number | undefined;
  let deadline: ReturnType<typeof setTimeout> | undefined;
  const stop = () => {
    if (stopped !== undefined) {
      if (performance.now() - stopped > 1000) void group.stop();
      return;
    }
    stopped = performance.now();
    try {
      server.kill("SIGTERM");
    } catch {
      // gone already
    }
    deadline = setTimeout(() => void group.stop(), NOTEBOOK_SERVER_DEFAULTS.stopGraceMs);
  };
  Deno.addSignalListener("SIGINT", stop);
  Deno.addSignalListener("SIGTERM", stop);
  console.error(
    `Jupyter Notebook in ${NOTEBOOK_SERVER_DEFAULTS.notebooks}, Deno kernel from ${KERNELSPEC_DEFAULTS.dir}`,
  );
  const status = await server.status;
  clearTimeout(deadline);
  await group.stop();
  Deno.removeSignalListener("SIGINT", stop);
  Deno.removeSignalListener("SIGTERM", stop);
  return stopped !== undefined ? 0 : status.code;
}

if (import.meta.main) {
  let code = 0;
  await runCommand(USAGE, async () => {
    code = await serve(Deno.args);
  });
  Deno.exit(code);
}
