/**
 * LIBSVM's C-SVC solver through libsvm-js (a wasm build of the library
 * scikit-learn's `SVC` wraps): loading the wasm module, and one training call
 * that reads the model's support vectors, coefficients and rho straight from
 * wasm memory (libsvm-js returns no decision values, and its serialisation
 * prints gamma and rho with 6 digits).
 *
 * Importing this file has no effect. {@linkcode loadLibsvm} imports the wasm
 * build on first call, hiding `globalThis.self` and `fetch` only while
 * libsvm-js's glue sniffs its environment, and restoring them right after; the
 * synchronous {@linkcode trainLibsvm} then uses the loaded instance.
 *
 * @module
 */
import process from "node:process";
import type { Labels, Matrix } from "./estimator.ts";
import type { Kernel } from "./svc_kernel.ts";

/** The training set and settings of a LIBSVM fit (shared by a main fit and Platt's cross-validation fits). */
export interface Problem {
  X: Matrix;
  y: Labels;
  kernel: Kernel;
  /** The training Gram matrix (X.rows²), or null to let LIBSVM compute kernels. */
  gram: Float64Array | null;
  C: number;
  tol: number;
  cacheSizeMb: number;
}

/** A trained LIBSVM model, support vectors as indices into the problem's rows. */
export interface Trained {
  sv: Int32Array;
  coef: Float64Array;
  rho: number;
  labelOrder: [number, number];
}

/** The emscripten module of libsvm-js: the exports used here. */
interface Libsvm {
  HEAPU8: Uint8Array;
  HEAP32: Int32Array;
  HEAPF64: Float64Array;
  load(): Promise<void>;
  _malloc(bytes: number): number;
  _free(ptr: number): void;
  _create_svm_nodes(rows: number, cols: number): number;
  _add_instance(problem: number, values: number, cols: number, label: number, row: number): void;
  _free_problem(problem: number): void;
  _libsvm_train_problem(problem: number, command: number): number;
  _svm_get_nr_class(model: number): number;
  _svm_get_nr_sv(model: number): number;
  _svm_get_labels(model: number, out: number): void;
  _svm_get_sv_indices(model: number, out: number): void;
  _svm_free_model(model: number): void;
}

/**
 * Byte offsets in LIBSVM's `struct svm_model` on wasm32 (svm_parameter is 96
 * bytes): libsvm-js exports no getter for the coefficients and rho.
 */
const MODEL = { svmType: 0, kernelType: 4, gamma: 16, C: 48, nrClass: 96, l: 100, svCoef: 108, rho: 112 } as const;
const KERNEL_CODE = { linear: 0, poly: 1, rbf: 2, sigmoid: 3, precomputed: 4 } as const;

/** The loaded module, once {@linkcode loadLibsvm} has finished. */
let instance: Libsvm | undefined;
/** The load in progress or done: concurrent callers share it (globals are hidden once). */
let loading: Promise<void> | undefined;

/**
 * Loads libsvm-js's wasm build once per isolate (later calls return at once);
 * until it has resolved, {@linkcode trainLibsvm} throws. Call it where an SVC
 * is about to be fitted, before other concurrent work: while libsvm-js's glue
 * is evaluated, `globalThis.self` and `fetch` are absent.
 *
 * @example
 * ```ts
 * await loadLibsvm();
 * libsvmHeapBytes() > 0; // true
 * ```
 */
export function loadLibsvm(): Promise<void> {
  loading ??= importLibsvm().then(
    ({ libsvm }) => {
      instance = libsvm;
    },
    (err) => {
      loading = undefined; // let a later call try again
      throw err;
    },
  );
  return loading;
}

/**
 * Imports the wasm build, working around what its environment sniffing does
 * in Deno: with `self` defined it takes the browser path (script-tag URLs,
 * fails); with `fetch` it tries to stream-compile a file path and logs an
 * error. Both are restored in `finally`, whatever the import does.
 */
async function importLibsvm(): Promise<{ libsvm: Libsvm }> {
  const g = globalThis as Record<string, unknown>;
  const hidden = (["self", "fetch"] as const).map((k) => [k, Object.getOwnPropertyDescriptor(g, k)] as const);
  const listeners = new Set(process.listeners("unhandledRejection"));
  let mod: { default?: Libsvm } & Partial<Libsvm>;
  try {
    for (const [k] of hidden) delete g[k];
    mod = await import("libsvm-js/out/wasm/libsvm.js");
  } finally {
    for (const [k, d] of hidden) if (d) Object.defineProperty(g, k, d);
    // Its Node glue makes every unhandled rejection exit the process silently.
    for (const l of process.listeners("unhandledRejection")) {
      if (!listeners.has(l)) process.off("unhandledRejection", l);
    }
  }
  const m = (mod.default ?? mod) as Libsvm;
  await m.load();
  // Wrapped: the emscripten module has a `then` method, so resolving a promise with it recurses forever.
  return { libsvm: m };
}

/** The loaded module, or a clear error naming what to call first. */
function libsvm(): Libsvm {
  if (!instance) {
    throw new Error(
      "libsvm-js is not loaded: `await ensureSvcRuntime()` (src/models/svc.ts) once before fitting an SVC",
    );
  }
  return instance;
}

/**
 * Bytes of libsvm-js's wasm heap, for leak checks: it grows on demand and
 * never shrinks, and every fit frees what it allocates, so it stays constant
 * over repeated fits of one size. Needs {@linkcode loadLibsvm}.
 *
 * @example
 * ```ts
 * await loadLibsvm();
 * libsvmHeapBytes() >= 16 * 2 ** 20; // true: libsvm-js starts with 16 MB
 * ```
 */
export function libsvmHeapBytes(): number {
  return libsvm().HEAPU8.length;
}

/**
 * Trains LIBSVM's C-SVC on the problem's rows `subset` (in that order; null:
 * all rows in order) and frees every wasm allocation before returning. Needs
 * {@linkcode loadLibsvm}.
 */
export function trainLibsvm(pr: Problem, subset: Int32Array | null): Trained {
  const m = libsvm(), { X, gram, kernel: k } = pr;
  const rows = subset ?? Int32Array.from({ length: X.rows }, (_, i) => i), n = rows.length;
  const N = X.rows, cols = gram ? n + 1 : X.cols;
  const command = gram
    ? `-s 0 -t 4 -c ${pr.C} -e ${pr.tol} -m ${pr.cacheSizeMb} -h 1 -b 0 -q 1`
    : `-s 0 -t ${KERNEL_CODE[k.type]} -d ${k.degree} -g ${k.gamma} -r ${k.coef0} -c ${pr.C} -e ${pr.tol} ` +
      `-m ${pr.cacheSizeMb} -h 1 -b 0 -q 1`;
  const cmd = new TextEncoder().encode(command + "\0");
  if (cmd.length > 256) throw new Error(`libsvm-js: command longer than its 256-byte buffer: ${command}`);
  const problem = m._create_svm_nodes(n, cols);
  const buf = m._malloc(8 * cols);
  const cmdPtr = m._malloc(cmd.length);
  const out = m._malloc(4 * Math.max(n, 2));
  let model = 0;
  try {
    for (let a = 0; a < n; a++) {
      const r = rows[a]!, heap = m.HEAPF64, o = buf >> 3;
      if (gram) {
        // A precomputed row: its 1-based serial number, then K(row, every row of the problem).
        heap[o] = a + 1;
        if (!subset) heap.set(gram.subarray(r * N, r * N + N), o + 1);
        else for (let b = 0; b < n; b++) heap[o + 1 + b] = gram[r * N + rows[b]!]!;
      } else heap.set(X.data.subarray(r * X.cols, (r + 1) * X.cols), o);
      m._add_instance(problem, buf, cols, pr.y[r]!, a);
    }
    m.HEAPU8.set(cmd, cmdPtr);
    model = m._libsvm_train_problem(problem, cmdPtr);
    const l = m._svm_get_nr_sv(model), nrClass = m._svm_get_nr_class(model);
    m._svm_get_labels(model, out);
    const labelOrder: [number, number] = [m.HEAP32[out >> 2]!, m.HEAP32[(out >> 2) + 1]!];
    m._svm_get_sv_indices(model, out);
    const sv = m.HEAP32.slice(out >> 2, (out >> 2) + l).map((i) => rows[i - 1]!); // 1-based problem rows
    const H32 = m.HEAP32, F64 = m.HEAPF64, at = (off: number) => H32[(model + off) >> 2]!;
    if (
      nrClass !== 2 || at(MODEL.nrClass) !== 2 || at(MODEL.l) !== l || at(MODEL.svmType) !== 0 ||
      at(MODEL.kernelType) !== (gram ? 4 : KERNEL_CODE[k.type]) || F64[(model + MODEL.C) >> 3] !== pr.C ||
      (!gram && F64[(model + MODEL.gamma) >> 3] !== k.gamma)
    ) throw new Error("libsvm-js: unexpected svm_model layout (not the LIBSVM 3.2x struct this file reads)");
    const coefPtr = H32[at(MODEL.svCoef) >> 2]!;
    const coef = F64.slice(coefPtr >> 3, (coefPtr >> 3) + l);
    return { sv, coef, rho: F64[at(MODEL.rho) >> 3]!, labelOrder };
  } finally {
    if (model) m._svm_free_model(model);
    m._free_problem(problem);
    m._free(buf), m._free(cmdPtr), m._free(out);
  }
}
