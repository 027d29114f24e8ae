/**
 * The customer table: every customer of the embedded data, searchable by id,
 * filtered by action segment, store segment, group and channel, sorted by
 * any column (the header buttons; again for the other direction), shown a
 * page at a time so that 100 000 customers stay quick; the rows the filters
 * keep download as offers.csv. Cells are written with `textContent` only.
 *
 * @module
 */
import { offersCsvOf } from "./csv.js";
import { byId } from "./dom.js";
import { ruNumber, ruPercent } from "./ru.js";

/** Rows per page. */
const PAGE_SIZE = 50;

/**
 * Fills a select with «все» and the dictionary's names.
 * @param {HTMLSelectElement} select
 * @param {string[]} names
 */
function fillSelect(select, names) {
  names.forEach((name, k) => select.append(new Option(name, String(k))));
}

/**
 * The table's columns: how a cell reads, and its sort key (a number).
 * @param {any} d
 */
function columns(d) {
  const collator = new Intl.Collator("ru", { numeric: true });
  /** Sort ranks of texts: the collator compares each distinct text once, rows then compare numbers. */
  const ranks = (/** @type {string[]} */ texts) => {
    const distinct = [...new Set(texts)].sort(collator.compare);
    const rank = new Map(distinct.map((t, k) => [t, k]));
    return texts.map((t) => /** @type {number} */ (rank.get(t)));
  };
  const n = d.id.length;
  const all = Array.from({ length: n }, (_, i) => i);
  const name = (/** @type {any[]} */ dict, /** @type {number[]} */ col) => all.map((i) => dict[col[i]].name);
  const text = (/** @type {string[]} */ dict, /** @type {number[]} */ col) => all.map((i) => dict[col[i]]);
  const joined = (/** @type {string[]} */ dict, /** @type {number[][]} */ col, /** @type {string} */ sep) =>
    all.map((i) => col[i].map((k) => dict[k]).join(sep));
  const numericIds = d.id.every((/** @type {string} */ s) => /^\d{1,15}$/.test(s));
  /** @type {{ key: string, cell: (i: number) => string, sort: () => number[], num?: boolean }[]} */
  const cols = [];
  const textCol = (/** @type {string} */ key, /** @type {string[]} */ values) => {
    /** @type {number[] | undefined} */
    let r;
    cols.push({ key, cell: (i) => values[i] ?? "", sort: () => r ??= ranks(values) });
  };
  const numCol = (/** @type {string} */ key, /** @type {number[]} */ values, /** @type {(x: number) => string} */ f) =>
    cols.push({ key, cell: (i) => f(/** @type {number} */ (values[i])), sort: () => values, num: true });
  // An id is a key: shown exactly as stored, sorted as a number when every id is digits.
  /** @type {number[] | undefined} */
  let idKeys;
  if (numericIds) cols.push({ key: "id", cell: (i) => d.id[i], sort: () => idKeys ??= d.id.map(Number) });
  else textCol("id", d.id);
  numCol("probability", d.probability, (x) => ruPercent(x, 0));
  numCol("profit", d.profit, (x) => ruNumber(x, 2));
  numCol("profitAtRisk", d.profitAtRisk, (x) => ruNumber(x, 2));
  textCol("actionSegment", name(d.dict.actionSegment, d.actionSegment));
  textCol("storeSegments", joined(d.dict.storeSegment, d.storeSegments, ", "));
  textCol("category", text(d.dict.category, d.category));
  textCol("action", name(d.dict.action, d.action));
  textCol("channel", name(d.dict.channel, d.channel));
  textCol("group", name(d.dict.group, d.group));
  textCol("reasons", joined(d.dict.reason, d.reasons, "; "));
  return cols;
}

/**
 * Sets up the customer table on the page.
 * @param {any} d the embedded data
 */
export function setUpTable(d) {
  const n = d.id.length;
  const cols = columns(d);
  const search = /** @type {HTMLInputElement} */ (byId("f-id"));
  const selects = {
    segment: /** @type {HTMLSelectElement} */ (byId("f-segment")),
    store: /** @type {HTMLSelectElement} */ (byId("f-store")),
    group: /** @type {HTMLSelectElement} */ (byId("f-group")),
    channel: /** @type {HTMLSelectElement} */ (byId("f-channel")),
  };
  fillSelect(selects.segment, d.dict.actionSegment.map((/** @type {any} */ s) => s.name));
  fillSelect(selects.store, d.dict.storeSegment);
  fillSelect(selects.group, d.dict.group.map((/** @type {any} */ s) => s.name));
  fillSelect(selects.channel, d.dict.channel.map((/** @type {any} */ s) => s.name));
  const body = /** @type {HTMLTableSectionElement} */ (byId("t-customers").querySelector("tbody"));
  const counter = byId("t-counter"), pageText = byId("t-page");
  const prev = /** @type {HTMLButtonElement} */ (byId("t-prev")),
    next = /** @type {HTMLButtonElement} */ (
      byId("t-next")
    );
  const download = /** @type {HTMLButtonElement} */ (byId("f-download"));
  const headers = /** @type {HTMLElement[]} */ ([...byId("t-customers").querySelectorAll("th[data-key]")]);

  /** @type {{ key: string | null, dir: number }} */
  const sort = { key: null, dir: 1 };
  let page = 0;
  /** @type {number[]} */
  let visible = [];

  const selected = (/** @type {HTMLSelectElement} */ s) => s.value === "" ? -1 : Number(s.value);
  function filter() {
    const q = search.value.trim();
    const seg = selected(selects.segment), store = selected(selects.store);
    const group = selected(selects.group), channel = selected(selects.channel);
    /** @type {number[]} */
    const out = [];
    for (let i = 0; i < n; i++) {
      if (q !== "" && !d.id[i].startsWith(q)) continue;
      if (seg >= 0 && d.actionSegment[i] !== seg) continue;
      if (group >= 0 && d.group[i] !== group) continue;
      if (channel >= 0 && d.channel[i] !== channel) continue;
      if (store >= 0 && !d.storeSegments[i].includes(store)) continue;
      out.push(i);
    }
    const col = cols.find((c) => c.key === sort.key);
    if (col) {
      const key = col.sort(), dir = sort.dir;
      // Ties keep offers.csv's order (most profit at risk first).
      out.sort((a, b) => dir * (/** @type {number} */ (key[a]) - /** @type {number} */ (key[b])) || a - b);
    }
    visible = out;
  }

  function draw() {
    const pages = Math.max(1, Math.ceil(visible.length / PAGE_SIZE));
    page = Math.min(page, pages - 1);
    const from = page * PAGE_SIZE, to = Math.min(visible.length, from + PAGE_SIZE);
    const rows = [];
    for (let k = from; k < to; k++) {
      const i = /** @type {number} */ (visible[k]);
      const tr = document.createElement("tr");
      for (const c of cols) {
        const td = document.createElement("td");
        td.textContent = c.cell(i);
        if (c.num) td.className = "num";
        tr.append(td);
      }
      rows.push(tr);
    }
    body.replaceChildren(...rows);
    // A table of the first rows says of how many customers in all.
    const all = d.run.customers > n
      ? `в таблице ${ruNumber(n)} из ${ruNumber(d.run.customers)}`
      : `всего ${ruNumber(n)}`;
    counter.textContent = visible.length === 0
      ? `Нет покупателей с такими условиями (${all}).`
      : `Показаны ${ruNumber(from + 1)}–${ruNumber(to)} из ${ruNumber(visible.length)} (${all}).`;
    counter.dataset.count = String(visible.length);
    pageText.textContent = `Страница ${ruNumber(page + 1)} из ${ruNumber(pages)}`;
    prev.disabled = page === 0;
    next.disabled = page >= pages - 1;
    download.textContent = `Скачать CSV (${ruNumber(visible.length)})`;
    download.disabled = visible.length === 0;
  }

  const update = () => {
    page = 0;
    filter();
    draw();
  };
  search.addEventListener("input", update);
  for (const s of Object.values(selects)) s.addEventListener("change", update);
  byId("f-reset").addEventListener("click", () => {
    search.value = "";
    for (const s of Object.values(selects)) s.value = "";
    update();
  });
  prev.addEventListener("click", () => {
    page--;
    draw();
  });
  next.addEventListener("click", () => {
    page++;
    draw();
  });
  for (const th of headers) {
    const button = th.querySelector("button");
    button?.addEventListener("click", () => {
      const key = th.dataset.key ?? null;
      sort.dir = sort.key === key ? -sort.dir : (cols.find((c) => c.key === key)?.num ? -1 : 1);
      sort.key = key;
      for (const h of headers) h.removeAttribute("aria-sort");
      th.setAttribute("aria-sort", sort.dir > 0 ? "ascending" : "descending");
      update();
    });
  }
  download.addEventListener("click", () => {
    const blob = new Blob([offersCsvOf(d, visible)], { type: "text/csv;charset=utf-8" });
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = visible.length === n ? "offers.csv" : `offers_${visible.length}.csv`;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  });
  update();
}
