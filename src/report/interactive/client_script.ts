/**
 * The interactive report's script: the browser modules of `browser/` (plain
 * JavaScript, type-checked, importable by tests) joined in dependency order
 * into one classic script inlined into report.html — no module loading, no
 * file or network access at run time. Only our own files go in; a line that
 * would import anything but a sibling module is refused.
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import { join } from "node:path";

/** The browser modules, each after those it imports. */
export const BROWSER_MODULES: readonly string[] = [
  "ru.js",
  "dom.js",
  "csv.js",
  "explorer_math.js",
  "tips.js",
  "table.js",
  "explorer.js",
  "main.js",
];

const BROWSER_DIR = fileURLToPath(new URL("./browser", import.meta.url));

/**
 * One module's text as part of the joined script: `export` keywords dropped,
 * imports of sibling modules removed (they come earlier in the script).
 *
 * @throws Error for any other import, or an export form this join does not handle
 * @example
 * ```ts
 * joinable("a.js", 'import { f } from "./b.js";\nexport function g() { return f(); }\n');
 * // "\nfunction g() { return f(); }\n"
 * ```
 */
export function joinable(file: string, text: string): string {
  return text.split("\n").map((line, k) => {
    if (/^import \{[\w\s,]+\} from "\.\/[a-z_]+\.js";$/.test(line)) return "";
    if (/^export (async )?(function|const|let|class) /.test(line)) return line.slice("export ".length);
    if (/^\s*(import|export)\b/.test(line)) {
      throw new Error(`${file}:${k + 1}: expected only sibling imports and "export function/const", got "${line}"`);
    }
    return line;
  }).join("\n");
}

/**
 * The joined script, ready to inline (checked not to contain `</script`).
 *
 * @example
 * ```ts
 * const js = await clientScript();
 * js.includes("function main()"); // true
 * ```
 */
export async function clientScript(): Promise<string> {
  const parts: string[] = [];
  for (const file of BROWSER_MODULES) {
    parts.push(`// ${file}\n${joinable(file, await Deno.readTextFile(join(BROWSER_DIR, file)))}`);
  }
  const js = `(() => {\n"use strict";\n${parts.join("\n")}\nmain();\n})();\n`;
  if (/<\/script/i.test(js) || /<!--/.test(js)) {
    throw new Error("The report's script must not contain </script or <!--");
  }
  return js;
}
