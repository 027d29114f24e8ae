/** The store's real tables, read in place when ../shared is beside the project. */
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { loadDataset } from "../../src/data/load.ts";

const REAL = fileURLToPath(new URL("../../../shared/data/one-click", import.meta.url));
const present = await Deno.stat(`${REAL}/market_file.csv`).then(() => true, () => false);

Deno.test({
  name: "real data: 1297 customers, class counts, the known quirks fixed",
  ignore: !present,
  fn: async () => {
    const { frame, quality } = await loadDataset(REAL);
    assert.equal(quality.customers, 1297);
    assert.equal(frame.height, 1297);
    assert.deepEqual(quality.classBalance, { "Снизилась": 495, "Прежний уровень": 802 });
    assert.deepEqual(
      Object.fromEntries(Object.entries(quality.tables).map(([n, t]) => [n, t.rows])),
      { market_file: 1300, market_money: 3900, market_time: 2600, money: 1300 },
    );
    assert.deepEqual(quality.fixes.map((f) => [f.from, f.to, f.count]), [
      ["стандартт", "стандарт", 10],
      ["Косметика и аксесуары", "Косметика и аксессуары", 223],
      ["предыдцщий_месяц", "предыдущий_месяц", 1300],
    ]);
    assert.deepEqual(quality.steps.find((s) => s.step === "inactive_customers")!.ids, ["215348", "215357", "215359"]);
    assert.deepEqual(quality.outliers.map((o) => [o.id, o.period, o.value]), [["215380", "текущий_месяц", 106862.2]]);
    assert.equal(quality.tables.market_file.format.lineEnding, "CRLF");
    assert.deepEqual(quality.tables.money!.format, {
      separator: ";",
      decimal: ",",
      lineEnding: "LF",
      bom: false,
      encoding: "utf-8",
    });
    // every feature column is filled and the revenue after cleaning is plausible
    assert.equal(frame.nullCount().sum(1).get(0), 0);
    assert.ok((frame.getColumn("revenue_current").max() as number) < 8000);
  },
});
