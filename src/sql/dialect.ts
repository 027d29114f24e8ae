/**
 * The few places where SQL engines disagree, behind one switch: the name of
 * the float64 type, how a float64 constant is written so that the engine reads
 * exactly the double the model holds, and the regular-expression replace that
 * collapses whitespace. Everything else the exported query uses is in the SQL
 * standard and in DuckDB, PostgreSQL, Trino and Spark SQL alike.
 *
 * @module
 */

/** Dialects `export-sql` writes. */
export const DIALECTS = ["duckdb", "postgres"] as const;

/** One of {@linkcode DIALECTS}. */
export type DialectName = (typeof DIALECTS)[number];

/** How one engine spells the non-portable pieces. */
export interface Dialect {
  readonly name: DialectName;
  /** The IEEE float64 type. */
  readonly double: string;
  /**
   * A float64 constant, exactly `x` once parsed. Written with an exponent
   * (shortest round-trip digits): DuckDB reads `0.1` as a DECIMAL and converts
   * it to a double in two roundings, but `1e-1` as a DOUBLE; PostgreSQL reads
   * any unquoted number as NUMERIC, so it gets a typed string (strtod,
   * correctly rounded). Negative constants are parenthesised (`a - -1` is
   * fine, `a--1` would start a comment).
   */
  num(x: number): string;
  /**
   * How a CTE that must be computed once is introduced. PostgreSQL (12+)
   * inlines a CTE read once, copying its expressions into the reader: the
   * SVC query then took 42 s to plan and 100 s in all on 1300 customers,
   * against 2 s with `AS MATERIALIZED`. DuckDB decides well on its own.
   */
  readonly materialized: string;
  /** `s` with every run of whitespace replaced by one space. */
  collapseSpaces(s: string): string;
}

/** Exponent form with the shortest digits that read back as `x` (`toExponential()` without digits). */
function exponent(x: number): string {
  if (!Number.isFinite(x)) throw new Error(`SQL constant: ${x} is not a finite number`);
  return (x === 0 ? 0 : x).toExponential(); // −0 becomes 0: the model never needs the sign of zero
}

const DUCKDB: Dialect = {
  name: "duckdb",
  double: "DOUBLE",
  materialized: "AS",
  num: (x) => (x < 0 ? `(${exponent(x)})` : exponent(x)),
  collapseSpaces: (s) => `regexp_replace(${s}, '\\s+', ' ', 'g')`,
};

const POSTGRES: Dialect = {
  name: "postgres",
  double: "DOUBLE PRECISION",
  materialized: "AS MATERIALIZED",
  num: (x) => `'${exponent(x)}'::float8`,
  collapseSpaces: (s) => `regexp_replace(${s}, '\\s+', ' ', 'g')`,
};

/**
 * The dialect called `name`; undefined for an unknown name (the caller says
 * what was expected).
 *
 * @example
 * ```ts
 * dialectOf("duckdb")!.num(0.1); // "1e-1"
 * dialectOf("postgres")!.num(-2); // "'-2e+0'::float8"
 * ```
 */
export function dialectOf(name: string): Dialect | undefined {
  return name === "duckdb" ? DUCKDB : name === "postgres" ? POSTGRES : undefined;
}

/**
 * A quoted identifier (the store's Russian headers have spaces).
 *
 * @example
 * ```ts
 * ident("Тип сервиса"); // '"Тип сервиса"'
 * ```
 */
export function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * A string constant.
 *
 * @example
 * ```ts
 * text("it's"); // "'it''s'"
 * ```
 */
export function text(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
