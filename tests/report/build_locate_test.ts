/**
 * Finding the failing source line of a cell from the Deno kernel's
 * traceback, whose positions count the transpiled code. The tracebacks are
 * the ones the Deno 2.9 kernel gave for these cells.
 */
import assert from "node:assert/strict";
import { failureMessage, locateFailure } from "../../src/report/notebooks.ts";

const cases: { name: string; source: string; ename: string; evalue: string; traceback: string[]; line: number }[] = [
  {
    name: "throw inside a function of the cell",
    source: "const x = 2;\nfunction f(){ throw new Error('boom here'); }\nconst y = f();\nconsole.log(y);",
    ename: "Error",
    evalue: "boom here",
    traceback: ["Error: boom here", "    at f (<anonymous>:3:9)", "    at <anonymous>:5:11"],
    line: 2,
  },
  {
    name: "undefined name",
    source: "undefinedVar.foo;",
    ename: "ReferenceError",
    evalue: "undefinedVar is not defined",
    traceback: ["ReferenceError: undefinedVar is not defined", "    at <anonymous>:1:22"],
    line: 1,
  },
  {
    name: "blank lines before a throw",
    source: "\n\nthrow new Error('l3');",
    ename: "Error",
    evalue: "l3",
    traceback: ["Error: l3", "    at <anonymous>:1:28"],
    line: 3,
  },
  {
    name: "type declarations vanish in the transpiled code",
    source: "const a: number = 1;\ninterface X { a: number }\ntype Y = string;\nconst b = 2;\nthrow new Error('l5');",
    ename: "Error",
    evalue: "l5",
    traceback: ["Error: l5", "    at <anonymous>:3:7"],
    line: 5,
  },
  {
    name: "a built-in that raised, called from the cell",
    source: "const data = await Promise.resolve(1);\n// comment\nconst q = JSON.parse('{bad');",
    ename: "SyntaxError",
    evalue: "Expected property name or '}' in JSON at position 1 (line 1 column 2)",
    traceback: ["SyntaxError: …", "    at JSON.parse (<anonymous>)", "    at <anonymous>:3:16"],
    line: 3,
  },
  {
    name: "a property read on undefined inside a cell function",
    source: "function g(n: number) {\n  return n.toFixed(2);\n}\n\ng(undefined as any);",
    ename: "TypeError",
    evalue: "Cannot read properties of undefined (reading 'toFixed')",
    traceback: ["TypeError: …", "    at g (<anonymous>:2:12)", "    at <anonymous>:4:1"],
    line: 2,
  },
  {
    name: "re-wrapped expressions: the clue wins over the line count",
    source:
      "const o = {\n  a: 1,\n  b: 2,\n};\nconst arr = [1, 2, 3]\n  .map((x) => x * 2)\n  .filter((x) => x > 2);\nconst s = `line1\nline2`;\nnull.foo;",
    ename: "TypeError",
    evalue: "Cannot read properties of null (reading 'foo')",
    traceback: ["TypeError: …", "    at <anonymous>:12:6"],
    line: 10,
  },
  {
    name: "a missing module",
    source: 'import { a } from "../src/a.ts";\nimport { b } from "../src/eda/mod.ts";\n\nconst p = 1;',
    ename: "TypeError",
    evalue: 'Module not found "file:///work/main/src/eda/mod.ts".',
    traceback: ['TypeError: Module not found "file:///work/main/src/eda/mod.ts".', "    at async <anonymous>:3:40"],
    line: 2,
  },
  {
    name: "an error raised in our own module, called from the cell",
    source: "const params = notebookParams();\nconst { frame } = await dataStage(params.data, params.out);\nframe",
    ename: "DataError",
    evalue: 'Data problem:\n  money.csv:3, column «Прибыль»: found "x", expected a number',
    traceback: [
      "DataError: Data problem: …",
      "    at loadDataset (file:///work/main/src/data/load.ts:88:11)",
      "    at async dataStage (file:///work/main/src/cli/data.ts:31:31)",
      "    at async <anonymous>:2:20",
    ],
    line: 2,
  },
  {
    name: "a Deno API that raised",
    source: "const a = 1;\nDeno.readTextFileSync('/nonexistent/x');",
    ename: "NotFound",
    evalue: "No such file or directory (os error 2): readfile '/nonexistent/x'",
    traceback: [
      "NotFound: …",
      "    at Object.readTextFileSync (ext:deno_fs/30_fs.js:1:9859)",
      "    at <anonymous>:2:6",
    ],
    line: 2,
  },
];

for (const c of cases) {
  Deno.test(`locateFailure: ${c.name}`, () => {
    const where = locateFailure(c);
    assert.ok(where, "a line is found");
    assert.equal(where.line, c.line);
    assert.equal(where.text, c.source.split("\n")[c.line - 1]!.trim());
  });
}

Deno.test("locateFailure: no position in the cell, no line", () => {
  assert.equal(locateFailure({ source: "x", ename: "E", evalue: "v", traceback: ["E: v"] }), undefined);
});

Deno.test("failureMessage: notebook, cell, line, the source line and the error, no stack frames", () => {
  const c = cases.find((x) => x.ename === "DataError")!;
  const message = failureMessage({ ...c, notebook: "01_data.ipynb", cell: 2, cells: 6 });
  assert.equal(
    message,
    "Notebook 01_data.ipynb failed in code cell 2 of 6, line 2:\n" +
      "    const { frame } = await dataStage(params.data, params.out);\n" +
      'DataError: Data problem:\n  money.csv:3, column «Прибыль»: found "x", expected a number',
  );
  assert.doesNotMatch(message, /\n\s+at /);
  assert.match(
    failureMessage({ ...c, notebook: "01_data.ipynb", cell: 2, cells: 6, ename: "RangeError", evalue: "bad" }),
    /\nRangeError: bad\n\(raised in src\/data\/load\.ts:88\)$/,
    "where our own code raised, when it is not the user's data",
  );
  assert.equal(
    failureMessage({
      ...c,
      notebook: "03_model.ipynb",
      cell: 4,
      cells: 7,
      ename: "Timeout",
      evalue: "the cell ran longer than the limit of 120 s",
      traceback: [],
    }),
    "Notebook 03_model.ipynb failed in code cell 4 of 7:\n    const params = notebookParams();\nthe cell ran longer than the limit of 120 s",
  );
});
