// check and diff run during preview: they must never call the API and must accept the
// preview-unknown sentinel in any input that depends on another resource.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Emulator } from "../../dev/emulator/index";
import { DataActionProvider } from "../../providers/data-action";
import { UNKNOWN } from "../../providers/diff";
import { IntegrationProvider } from "../../providers/integration";
import { TriggerProvider } from "../../providers/trigger";
import { WorkflowProvider } from "../../providers/workflow";
import { withClient, emulator, MARKER, stackConfig } from "./harness";

let emu: Emulator;
beforeAll(async () => {
  emu = await emulator();
});
afterAll(async () => emu.close());

const cases = [
  { provider: new IntegrationProvider(), news: { name: UNKNOWN, managedBy: MARKER } },
  {
    provider: new DataActionProvider(),
    news: { name: "A", category: UNKNOWN, integrationId: UNKNOWN, inputSchema: UNKNOWN, outputSchema: {}, requestUrlTemplate: UNKNOWN, managedBy: MARKER },
  },
  { provider: new WorkflowProvider(), news: { name: "W", yaml: UNKNOWN, managedBy: MARKER } },
  {
    provider: new TriggerProvider(),
    news: { name: "T", topicName: "t", workflowId: UNKNOWN, matchCriteria: [UNKNOWN], description: UNKNOWN, managedBy: MARKER },
  },
];

describe("check and diff", () => {
  it("accept the unknown sentinel, report a change for it, and make no API call", async () => {
    emu.clearLog();
    for (const { provider, news } of cases) {
      withClient(provider, stackConfig(emu));
      const checked = await provider.check({}, news);
      expect(checked.failures).toEqual([]);
      const diff = await provider.diff("id-1", { ...checked.inputs, adopted: false }, checked.inputs as Record<string, unknown>);
      expect(diff.changes).toBe(true);
    }
    expect(emu.log().entries).toEqual([]);
  });
});
