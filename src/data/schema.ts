/**
 * The store's four raw tables: file names, raw (Russian) headers, English column
 * names, allowed category values and known misspellings. Everything that names a
 * raw column lives here, so the loader, the generator and the report agree.
 *
 * @module
 */

/** Target label meaning the customer's activity dropped (the positive class). */
export const LABEL_DROPPED = "Снизилась";
/** Target label meaning the customer's activity stayed the same. */
export const LABEL_SAME = "Прежний уровень";

/** Revenue periods, oldest first. */
export const REVENUE_PERIODS = [
  "препредыдущий_месяц",
  "предыдущий_месяц",
  "текущий_месяц",
] as const;
/** Minutes periods, oldest first. */
export const MINUTES_PERIODS = ["предыдущий_месяц", "текущий_месяц"] as const;

/** Popular categories, in the store's spelling (corrected). */
export const CATEGORIES = [
  "Товары для детей",
  "Домашний текстиль",
  "Косметика и аксессуары",
  "Техника для красоты и здоровья",
  "Мелкая бытовая техника и электроника",
  "Кухонная посуда",
] as const;

/**
 * Plausibility limits of numbers, besides each column's own range (ids are
 * not numbers in this sense and have none). A value beyond them is an error
 * naming file, line and column, not a silent ∞, null or 0 downstream.
 *
 * - `float` (money, marketing activity, shares): |x| ≤ 1e15. Statistics run
 *   in float64: over 5 million customers × 3 months (1.5e7 values) a sum stays
 *   ≤ 1.5e22 and a sum of squares ≤ 1.5e37, far below float64's 1.8e308, so
 *   means, variances, scalers and profit shares stay finite and comparable;
 *   1e15 < 2^53, so whole amounts stay exact. It is also five times Russia's
 *   yearly GDP in roubles: no real customer's revenue or profit comes near it
 *   (the real maximum is about 1e5), while `1e308` is rejected.
 * - `int` (counts, minutes, days): ≤ 2^53 − 1, the largest whole number a
 *   float64 holds exactly. Counts are stored as Int64 but computed on as
 *   float64; a larger count (or one past Int64, such as a 20-digit number)
 *   would be rounded, or become null and then 0.
 */
export const NUMBER_LIMITS = { float: 1e15, int: Number.MAX_SAFE_INTEGER } as const;

/** Kind of a raw column, which decides parsing and range checks. */
export type ColumnKind =
  | { kind: "id" }
  | { kind: "int"; min: number; max?: number }
  | { kind: "float"; min?: number; max?: number }
  | { kind: "category"; values: readonly string[] };

/** One raw column: its header in the export, its English name and kind. */
export interface RawColumn {
  header: string;
  name: string;
  type: ColumnKind;
}

/** One raw table of the export. */
export interface RawTable {
  /** Short English name used in messages and the quality summary. */
  name: TableName;
  file: string;
  columns: readonly RawColumn[];
}

/** The four tables. */
export type TableName = "market_file" | "market_money" | "market_time" | "money";

const id: RawColumn = { header: "id", name: "id", type: { kind: "id" } };
const count = (header: string, name: string): RawColumn => ({
  header,
  name,
  type: { kind: "int", min: 0 },
});

/** The four tables as the store exports them. */
export const TABLES: Record<TableName, RawTable> = {
  market_file: {
    name: "market_file",
    file: "market_file.csv",
    columns: [
      id,
      {
        header: "Покупательская активность",
        name: "activity",
        type: { kind: "category", values: [LABEL_DROPPED, LABEL_SAME] },
      },
      {
        header: "Тип сервиса",
        name: "service_type",
        type: { kind: "category", values: ["стандарт", "премиум"] },
      },
      {
        header: "Разрешить сообщать",
        name: "allow_messages",
        type: { kind: "category", values: ["да", "нет"] },
      },
      {
        header: "Маркет_актив_6_мес",
        name: "marketing_6m",
        type: { kind: "float", min: 0 },
      },
      count("Маркет_актив_тек_мес", "marketing_current"),
      count("Длительность", "duration_days"),
      {
        header: "Акционные_покупки",
        name: "promo_share",
        type: { kind: "float", min: 0, max: 1 },
      },
      {
        header: "Популярная_категория",
        name: "popular_category",
        type: { kind: "category", values: CATEGORIES },
      },
      count("Средний_просмотр_категорий_за_визит", "categories_per_visit"),
      count("Неоплаченные_продукты_штук_квартал", "unpaid_items_quarter"),
      count("Ошибка_сервиса", "service_errors"),
      count("Страниц_за_визит", "pages_per_visit"),
    ],
  },
  market_money: {
    name: "market_money",
    file: "market_money.csv",
    columns: [
      id,
      {
        header: "Период",
        name: "period",
        type: { kind: "category", values: REVENUE_PERIODS },
      },
      { header: "Выручка", name: "revenue", type: { kind: "float", min: 0 } },
    ],
  },
  market_time: {
    name: "market_time",
    file: "market_time.csv",
    columns: [
      id,
      {
        header: "Период",
        name: "period",
        type: { kind: "category", values: MINUTES_PERIODS },
      },
      count("минут", "minutes"),
    ],
  },
  money: {
    name: "money",
    file: "money.csv",
    // Profit may legitimately be negative, so no lower bound.
    columns: [id, { header: "Прибыль", name: "profit", type: { kind: "float" } }],
  },
};

/** Table names in load order. */
export const TABLE_NAMES: readonly TableName[] = [
  "market_file",
  "market_money",
  "market_time",
  "money",
];

/**
 * Known misspellings, keyed by the normalised form (trimmed, lower case, single
 * spaces) and mapped to the canonical value. Case and whitespace variants of a
 * canonical value are fixed without an entry here.
 */
export const MISSPELLINGS: Record<string, string> = {
  "стандартт": "стандарт",
  "предыдцщий_месяц": "предыдущий_месяц",
  "косметика и аксесуары": "Косметика и аксессуары",
};
