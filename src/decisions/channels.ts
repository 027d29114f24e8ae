/**
 * The channels an action reaches a customer through, with their Russian
 * names (the «Канал» column of offers.csv) and whether they send a message.
 * The ids are the lever catalogue's (`src/segments/levers.ts`); the cost of a
 * contact per channel is the run's config (`campaign.costPerContact`).
 *
 * @module
 */
import type { RunConfig } from "../config/run_config.ts";
import type { ChannelId } from "../segments/levers.ts";

export type { ChannelId };

/** One channel. */
export interface Channel {
  id: ChannelId;
  /** Russian name, as offers.csv and the report show it. */
  name: string;
  /** A message is sent (needs consent); `site` shows the offer on the site instead. */
  message: boolean;
}

/**
 * The channels.
 *
 * @example
 * ```ts
 * CHANNELS.site.name; // "Сайт (без сообщений)"
 * CHANNELS.call.message; // true
 * ```
 */
export const CHANNELS: Readonly<Record<ChannelId, Channel>> = {
  email: { id: "email", name: "Электронное письмо", message: true },
  push: { id: "push", name: "Push-уведомление", message: true },
  sms: { id: "sms", name: "SMS", message: true },
  call: { id: "call", name: "Звонок", message: true },
  site: { id: "site", name: "Сайт (без сообщений)", message: false },
};

/**
 * The cost of one contact through `channel`, from the run's config (money.csv unit).
 *
 * @example
 * ```ts
 * import { DEFAULT_CONFIG } from "../config/run_config.ts";
 * contactCost("sms", DEFAULT_CONFIG); // 0.05
 * ```
 */
export function contactCost(channel: ChannelId, config: Pick<RunConfig, "campaign">): number {
  return config.campaign.costPerContact[channel];
}
