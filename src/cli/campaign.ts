/**
 * `deno task campaign --offers FILE --data NEXT_EXPORT_DIR [--out DIR]`:
 * measures a campaign — the run's offers.csv against the store's export after
 * it (see `src/followup/`); writes `campaign.json` (default `out/campaign/`)
 * and prints a Russian summary.
 *
 * @module
 */
import { join } from "node:path";
import { buildCampaignArtifact, CAMPAIGN_FILE, writeCampaign } from "../artifacts/campaign.ts";
import { campaignSummary } from "../followup/campaign_summary.ts";
import { measureCampaign } from "../followup/measure_campaign.ts";
import { parseOptions, runCommand, UsageError } from "./run.ts";

const USAGE = "deno task campaign --offers FILE --data NEXT_EXPORT_DIR [--out DIR]";

if (import.meta.main) {
  await runCommand(USAGE, async () => {
    const { values } = parseOptions(Deno.args, {
      offers: { type: "string" },
      data: { type: "string" },
      out: { type: "string", default: join("out", "campaign") },
    });
    if (!values.offers || !values.data) throw new UsageError("--offers and --data are required");
    const result = await measureCampaign(values.offers, values.data);
    await writeCampaign(values.out, buildCampaignArtifact(result));
    console.log(campaignSummary(result));
    console.log(`\n${CAMPAIGN_FILE.file} written to ${values.out}`);
  });
}
