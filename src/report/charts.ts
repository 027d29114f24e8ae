/**
 * The report's charts (see `charts/mod.ts`).
 *
 * @module
 */
export * from "./charts/mod.ts";
