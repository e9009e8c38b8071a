import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../../dev/emulator/index";
import { type Apis, login } from "./sdk";
import { CATEGORY, enabledIntegration, lookupAction, publish, sendEventAction } from "./world";

const DIR = join(__dirname, "..", "fixtures", "workflows");
const yamlFiles = (dir: string) => readdirSync(dir).filter((f) => f.endsWith(".yaml"));

let emu: Emulator;
let api: Apis;
beforeAll(async () => {
  emu = await startEmulator({ jobMs: 5 });
  api = await login(emu.url);
  const integration = await enabledIntegration(api);
  expect(integration.name).toBe(CATEGORY);
  await api.integrations.postIntegrationsActions(sendEventAction(integration.id, CATEGORY));
  await api.integrations.postIntegrationsActions(lookupAction(integration.id, CATEGORY));
});
afterAll(() => emu.close());

describe("valid real-world workflow fixtures are published", () => {
  it.each(yamlFiles(DIR))("%s", async (file) => {
    const yaml = readFileSync(join(DIR, file), "utf8");
    const outcome = await publish(api, yaml);
    expect(outcome.messages.map((m) => m.text)).not.toContainEqual(expect.stringMatching(/Unable|Unknown|Missing|Error/));
    expect(outcome.status).toBe("Success");
    const flow = await api.architect.getFlow(outcome.flowId!);
    expect(flow.type).toBe("WORKFLOW");
    expect(emu.state().flows.find((f) => f.id === flow.id)?.yaml).toBe(yaml);
  });
});

describe("broken variants are rejected with the right message", () => {
  it.each(yamlFiles(join(DIR, "broken")))("%s", async (file) => {
    const yaml = readFileSync(join(DIR, "broken", file), "utf8");
    const expected = /^# expect: (.*)$/m.exec(yaml)?.[1];
    expect(expected, `${file} needs a '# expect:' line`).toBeTruthy();
    const outcome = await publish(api, yaml);
    expect(outcome.status).toBe("Failure");
    expect(outcome.flowId).toBeUndefined();
    expect(outcome.messages.map((m) => m.text).join("\n")).toContain(expected);
  });
});
