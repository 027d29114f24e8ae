/**
 * «Данные и их качество»: what was read, fixed and cleaned, from quality.json.
 *
 * @module
 */
import { COLUMN_LABELS, STEP_LABELS } from "../../data/labels.ts";
import type { QualityArtifact } from "../../artifacts/quality.ts";
import { ruCount, ruDate, ruInt, ruNumber, ruPercent, ruPlural } from "../../text/ru_format.ts";
import { CUSTOMERS, type ReportArtifacts } from "./common.ts";

/** Russian names of the data tables. */
export const TABLE_LABELS: Record<string, string> = {
  market_file: "Поведение на сайте и маркетинг",
  market_money: "Выручка по месяцам",
  market_time: "Минуты на сайте по месяцам",
  money: "Прибыль",
};

/**
 * How the report names the data: the folder's name, the export date and the
 * short hash of the four files — never a path on one machine's disk.
 *
 * @example
 * ```ts
 * import type { QualityArtifact } from "../../artifacts/quality.ts";
 * declare const quality: QualityArtifact;
 * dataName(quality); // "выгрузка «one-click» от 30 ноября 2026 г. (дата изменения файлов), контрольная сумма 3f2a9c0b1d2e"
 * ```
 */
export function dataName(q: Pick<QualityArtifact, "source">): string {
  const { folder, exportDate, exportDateFrom, hash } = q.source.identity;
  const date = exportDate === null
    ? "дата выгрузки неизвестна"
    : `от ${ruDate(new Date(`${exportDate}T12:00:00Z`), 0)} ` +
      (exportDateFrom === "given" ? "(дата указана при запуске)" : "(дата изменения файлов)");
  const what = q.source.kind === "demo" ? "демонстрационные данные генератора, папка" : "выгрузка";
  return `${what} «${folder}» ${date}, контрольная сумма ${hash}`;
}

/** The data section. */
export interface DataSection {
  source: string;
  tables: { name: string; file: string; rows: string }[];
  fixes: { where: string; change: string; count: string }[];
  steps: { step: string; count: string }[];
  outliers: { id: string; period: string; value: string; score: string; replacedWith: string }[];
  duplicates: string;
  customers: string;
  balance: { label: string; customers: string; share: string }[];
}

/**
 * The data section.
 *
 * @example
 * ```ts
 * import type { ReportArtifacts } from "./common.ts";
 * declare const artifacts: ReportArtifacts;
 * dataSection(artifacts).tables[0]; // { name: "Поведение на сайте и маркетинг", file: "market_file.csv", rows: "1300" }
 * ```
 */
export function dataSection(a: Pick<ReportArtifacts, "quality">): DataSection {
  const q = a.quality;
  const d = q.duplicates;
  return {
    source: dataName(q),
    tables: Object.entries(q.tables).flatMap(([name, t]) =>
      t ? [{ name: TABLE_LABELS[name] ?? name, file: t.file, rows: ruInt(t.rows) }] : []
    ),
    fixes: q.fixes.map((f) => ({
      where: `${f.table}.csv, ${COLUMN_LABELS[f.column] ?? f.column}`,
      change: `«${f.from}» → «${f.to}»`,
      count: ruInt(f.count),
    })),
    steps: q.steps.map((s) => ({ step: STEP_LABELS[s.step] ?? s.step, count: ruInt(s.count) })),
    outliers: q.outliers.map((o) => ({
      id: o.id,
      period: o.period.replaceAll("_", " "),
      value: ruNumber(o.value, 1),
      score: ruNumber(o.score, 1),
      replacedWith: ruNumber(o.replacedWith, 1),
    })),
    duplicates: d.groups === 0
      ? "Записей, совпадающих во всём, кроме id, нет."
      : `${ruCount(d.customers, CUSTOMERS)} образуют ${ruInt(d.groups)} ` +
        `${ruPlural(d.groups, ["группу", "группы", "групп"])} записей, совпадающих во всём, кроме id ` +
        `(полностью одинаковых, включая выручку и время, — ${ruInt(d.identicalEverywhere)}; ` +
        `с разной целевой меткой — ${ruInt(d.conflictingTarget)}). Они оставлены в данных, ` +
        `а при разбиении каждая группа целиком попадает в одну часть.`,
    customers: ruInt(q.customers),
    balance: Object.entries(q.classBalance).map(([label, n]) => ({
      label,
      customers: ruInt(n),
      share: ruPercent(n / q.customers),
    })),
  };
}
