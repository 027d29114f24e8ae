/**
 * The one path by which data enters the page's scripts: JSON inside
 * `<script type="application/json">`, read by `JSON.parse`, never run. JSON
 * alone is not safe there — a string holding `</script>` would end the
 * element and whatever follows would run — so every `<`, `>` and `&` is
 * written as a `\u` escape (the same string to `JSON.parse`, no tag to the
 * HTML parser), and U+2028/U+2029 too.
 *
 * @module
 */

const UNSAFE: Record<string, string> = {
  "<": "\\u003c",
  ">": "\\u003e",
  "&": "\\u0026",
  "\u2028": "\\u2028",
  "\u2029": "\\u2029",
};

/**
 * `value` as JSON that is safe as the text of a `<script type="application/json">` element.
 *
 * @example
 * ```ts
 * scriptJson({ id: "</script><script>alert(1)</script>" });
 * // '{"id":"\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e"}'
 * ```
 */
export function scriptJson(value: unknown): string {
  const json = JSON.stringify(value);
  if (json === undefined) throw new Error("Cannot embed a value that has no JSON form");
  return json.replace(/[<>&\u2028\u2029]/g, (c) => UNSAFE[c]!);
}
