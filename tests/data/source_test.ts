/** Where the data comes from: an explicit setting is used as given, an empty one is refused. */
import assert from "node:assert/strict";
import { join } from "node:path";
import { EmptyDataSettingError, resolveSource } from "../../src/data/source.ts";

Deno.test("an empty --data or ONECLICK_DATA is refused, never read as 'not given'", async () => {
  const root = await Deno.makeTempDir(); // no data/raw: a fallback would write demo data
  const demoDir = join(root, "demo");
  for (
    const [flag, env, setting] of [["", undefined, "--data"], [" ", "x", "--data"], [undefined, "", "ONECLICK_DATA"]]
  ) {
    await assert.rejects(
      () => resolveSource(flag, { env, root, demoDir }),
      (e) => e instanceof EmptyDataSettingError && e.setting === setting,
    );
  }
  assert.equal(await Deno.stat(demoDir).then(() => true, () => false), false);
});

Deno.test("a given --data wins over ONECLICK_DATA, even an empty one", async () => {
  const root = await Deno.makeTempDir();
  assert.deepEqual(await resolveSource("d", { env: "", root }), { dir: "d", kind: "user", origin: "--data" });
  assert.deepEqual(await resolveSource(undefined, { env: "e", root }), {
    dir: "e",
    kind: "user",
    origin: "ONECLICK_DATA",
  });
});
