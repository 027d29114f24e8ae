/**
 * The process exit codes of every command, in one place (BSD sysexits where
 * one fits), so the CLI, the report build and the README agree.
 *
 * @module
 */

/** A problem in the input data (one message lists every problem). */
export const EXIT_DATA = 1;
/** Bad command-line usage or run configuration. */
export const EXIT_USAGE = 2;
/** A tool the build needs (Jupyter, Chromium, the kernel) is missing. */
export const EXIT_UNAVAILABLE = 69;
/** An internal error or a failing notebook cell. */
export const EXIT_INTERNAL = 70;
/** The output folder cannot be written. */
export const EXIT_OUTPUT = 73;
/** Another build holds the output folder. */
export const EXIT_LOCKED = 75;
/** Interrupted (SIGINT, SIGTERM, SIGHUP). */
export const EXIT_INTERRUPTED = 130;
