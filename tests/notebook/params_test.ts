/** The notebooks' parameters from the environment: the export date the build passes on. */
import assert from "node:assert/strict";
import { notebookParams, ParamError } from "../../src/notebook/params.ts";

const env = (vars: Record<string, string>) => ({ get: (name: string) => vars[name] });

Deno.test("ONECLICK_DATA_DATE reaches the notebooks as dataDate; unset or empty leaves the files' date", async () => {
  assert.equal((await notebookParams(env({ ONECLICK_DATA_DATE: "2026-11-30" }))).dataDate, "2026-11-30");
  assert.equal("dataDate" in await notebookParams(env({})), false);
  assert.equal("dataDate" in await notebookParams(env({ ONECLICK_DATA_DATE: "" })), false);
});

Deno.test("a bad ONECLICK_DATA_DATE is one message naming the variable and the value", async () => {
  await assert.rejects(
    () => notebookParams(env({ ONECLICK_DATA_DATE: "30.11.2026" })),
    (e: unknown) =>
      e instanceof ParamError &&
      e.message === 'ONECLICK_DATA_DATE must be a calendar date YYYY-MM-DD, got "30.11.2026"',
  );
});
