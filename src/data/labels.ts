/**
 * Russian display names and the store's feature groups for the merged frame:
 * the one place notebooks and the report take their labels from.
 *
 * @module
 */

/** The store's own groups of customer features. */
export type FeatureGroup = "communication" | "product" | "purchase" | "site";

/** Russian names of the groups, in the order the report presents them. */
export const GROUP_LABELS: Record<FeatureGroup, string> = {
  communication: "Коммуникация с клиентом",
  product: "Продуктовое поведение",
  purchase: "Покупательское поведение (выручка и прибыль)",
  site: "Поведение на сайте",
};

/** A column of the merged frame as people see it. */
export interface FeatureInfo {
  label: string;
  group: FeatureGroup;
  /** Numeric or categorical, for charts and encoders. */
  type: "number" | "category";
}

/**
 * Every feature of the merged frame. `id`, `activity`, `target` and
 * `dup_group` are not features and are labelled in {@linkcode COLUMN_LABELS}.
 */
export const FEATURES: Record<string, FeatureInfo> = {
  service_type: { label: "Тип сервиса", group: "communication", type: "category" },
  allow_messages: { label: "Разрешить сообщать", group: "communication", type: "category" },
  marketing_6m: { label: "Маркетинг, среднее за 6 мес.", group: "communication", type: "number" },
  marketing_current: { label: "Маркетинг, текущий месяц", group: "communication", type: "number" },
  duration_days: { label: "Дней с регистрации", group: "communication", type: "number" },
  promo_share: { label: "Доля акционных покупок", group: "product", type: "number" },
  popular_category: { label: "Популярная категория", group: "product", type: "category" },
  categories_per_visit: { label: "Категорий за визит", group: "product", type: "number" },
  unpaid_items_quarter: { label: "Неоплаченные товары за квартал", group: "product", type: "number" },
  service_errors: { label: "Ошибки сервиса", group: "site", type: "number" },
  pages_per_visit: { label: "Страниц за визит", group: "site", type: "number" },
  minutes_prev: { label: "Минут на сайте, предыдущий месяц", group: "site", type: "number" },
  minutes_current: { label: "Минут на сайте, текущий месяц", group: "site", type: "number" },
  revenue_prev_prev: { label: "Выручка, препредыдущий месяц", group: "purchase", type: "number" },
  revenue_prev: { label: "Выручка, предыдущий месяц", group: "purchase", type: "number" },
  revenue_current: { label: "Выручка, текущий месяц", group: "purchase", type: "number" },
  profit: { label: "Прибыль в месяц", group: "purchase", type: "number" },
};

/** Labels of every column of the merged frame, features included. */
export const COLUMN_LABELS: Record<string, string> = {
  id: "id покупателя",
  activity: "Покупательская активность",
  target: "Активность снизилась (1/0)",
  dup_group: "Группа одинаковых записей",
  ...Object.fromEntries(Object.entries(FEATURES).map(([k, v]) => [k, v.label])),
};

/** Russian names of the cleaning steps in the data-quality summary. */
export const STEP_LABELS: Record<string, string> = {
  inactive_customers: "Исключены покупатели без выручки хотя бы в одном из трёх месяцев",
  revenue_outliers: "Выброс выручки заменён медианой месяца",
  duplicate_records: "Записи, совпадающие во всём, кроме id",
};

/** Features of a group, in table order. */
export function featuresOf(group: FeatureGroup): string[] {
  return Object.entries(FEATURES).filter(([, f]) => f.group === group).map(([k]) => k);
}
