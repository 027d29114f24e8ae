import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { sampleFrame, trainingSample } from "../../src/features/training_sample.ts";
import { Rng, seedKey } from "../../src/util/random.ts";

/** n rows, about a third labelled 1, every tenth row sharing a group with the next one. */
function rows(n: number, seed: number): { y: Uint8Array; groups: Int32Array } {
  const rng = new Rng().reset(seedKey(seed));
  const y = Uint8Array.from({ length: n }, () => (rng.next() < 0.35 ? 1 : 0));
  const groups = Int32Array.from({ length: n }, (_, i) => (i % 10 === 1 ? i - 1 : i));
  for (let i = 1; i < n; i += 10) y[i] = y[i - 1]!; // a duplicate pair shares its label
  return { y, groups };
}

Deno.test("training sample: the size asked, the class shares of the whole, groups whole", () => {
  const { y, groups } = rows(20_000, 3);
  const s = trainingSample(y, groups, 1500, 42);
  assert.ok(Math.abs(s.length - 1500) <= 2, `size ${s.length}`);
  assert.ok(s.every((v, i) => i === 0 || v > s[i - 1]!), "ascending, no repeats");
  const ones = (idx: ArrayLike<number>) => Array.from(idx).reduce((a, i) => a + y[i]!, 0);
  const share = ones(s) / s.length, whole = ones(Array.from(y.keys())) / y.length;
  assert.ok(Math.abs(share - whole) < 0.002, `sample share ${share} vs ${whole}`);
  const inSample = new Set(s);
  for (let i = 1; i < y.length; i += 10) assert.equal(inSample.has(i), inSample.has(i - 1), `group of row ${i - 1}`);
});

Deno.test("training sample: seeded and deterministic; another seed draws other customers", () => {
  const { y, groups } = rows(5000, 1);
  assert.deepEqual(trainingSample(y, groups, 700, 42), trainingSample(y, groups, 700, 42));
  assert.notDeepEqual(trainingSample(y, groups, 700, 42), trainingSample(y, groups, 700, 43));
});

Deno.test("training sample: everyone when the export is smaller; bad input is refused", () => {
  const { y, groups } = rows(50, 1);
  assert.deepEqual(trainingSample(y, groups, 50, 42), Int32Array.from({ length: 50 }, (_, i) => i));
  assert.throws(() => trainingSample(y, groups, 0, 42), /whole number ≥ 1, got 0/);
  assert.throws(() => trainingSample(y, groups.subarray(1), 10, 42), /Expected 50 group codes/);
});

Deno.test("sample of a frame: the rows drawn inside polars, groups whole, the frame of those rows", () => {
  const n = 3000;
  const { y } = rows(n, 9);
  const frame = pl.DataFrame({
    id: Array.from({ length: n }, (_, i) => String(1000 + i)),
    target: Array.from(y),
    dup_group: Array.from({ length: n }, (_, i) => String(1000 + (i % 10 === 1 ? i - 1 : i))),
  });
  const s = sampleFrame(frame, 400, 42);
  assert.ok(Math.abs(s.rows.length - 400) <= 2);
  assert.deepEqual(s.frame.getColumn("id").toArray(), Array.from(s.rows, (i) => String(1000 + i)));
  const inSample = new Set(s.rows);
  for (let i = 1; i < n; i += 10) assert.equal(inSample.has(i), inSample.has(i - 1));
  assert.equal(sampleFrame(frame, n, 42).frame, frame);
});
