/**
 * Property: any random corruption of valid files either still loads into a
 * correct frame or fails with the typed DataError — never another exception.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { DataError } from "../../src/data/errors.ts";
import { loadDataset } from "../../src/data/load.ts";
import { TABLE_NAMES } from "../../src/data/schema.ts";
import { tinyTables, toCsv, writeTables } from "./fixtures.ts";

const enc = new TextEncoder();
const files = () => Object.fromEntries(TABLE_NAMES.map((n) => [n, enc.encode(toCsv(tinyTables()[n]))]));

type Bytes = Uint8Array<ArrayBuffer>;
const splice = (b: Bytes, at: number, del: number, ins: Bytes): Bytes => {
  const i = Math.min(at, b.length);
  return new Uint8Array([...b.slice(0, i), ...ins, ...b.slice(Math.min(b.length, i + del))]);
};

const nasty = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom(",", ";", '"', "\n", "\r\n", "", " ", "NaN", "-1", "1e309", "٣", "\u0000", "0,5", "стандартт"),
);
const corruption = fc.oneof(
  // replace a span with text that is likely to confuse a CSV reader
  fc.record({ at: fc.nat(3000), del: fc.nat(8), ins: nasty.map((s) => enc.encode(s)) }),
  // raw bytes, often not UTF-8
  fc.record({ at: fc.nat(3000), del: fc.nat(3), ins: fc.uint8Array({ maxLength: 4 }).map((b) => new Uint8Array(b)) }),
  // cut the file short
  fc.record({ at: fc.nat(3000), del: fc.constant(1_000_000), ins: fc.constant(new Uint8Array()) }),
);

Deno.test("random corruptions give a correct frame or a DataError, nothing else", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...TABLE_NAMES),
      fc.array(corruption, { minLength: 1, maxLength: 3 }),
      async (table, ops) => {
        const input = files();
        for (const op of ops) input[table] = splice(input[table]!, op.at, op.del, op.ins);
        const dir = await writeTables(input);
        try {
          const { frame, quality } = await loadDataset(dir);
          // a load that succeeds must still be one clean row per customer
          assert.equal(frame.getColumn("id").nUnique(), frame.height);
          assert.equal(frame.nullCount().sum(1).get(0) ?? 0, 0);
          assert.equal(quality.customers, frame.height);
        } catch (e) {
          if (!(e instanceof DataError)) throw e;
          assert.ok(e.problems.length > 0);
          assert.ok(e.format().length > 0);
        } finally {
          await Deno.remove(dir, { recursive: true });
        }
      },
    ),
    { numRuns: 150, seed: 20261122 },
  );
});
