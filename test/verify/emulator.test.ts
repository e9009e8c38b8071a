// verify against the emulator: an org made by `up` passes; hand-made orgs with the typical
// mistakes fail exactly the rows that name those mistakes.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Emulator, startEmulator } from "../../dev/emulator/index";
import { neededPermissions } from "../../domain/permissions";
import { GUIDE_URL, INTEGRATION, seedHandMade } from "./hand-made";
import { failedNames, deployed, startOrg, verifyRows } from "./org";

const SAAS = { "cognigy:endpointDomain": "app.cognigy.ai" };
const MANAGED = "Managed by stack hand";
const ACW_WORKFLOW = 'Workflow "Workflow conversation.id.acw"';
const USER_END_WORKFLOW = 'Workflow "Workflow conversation.id.user.end"';

let emu: Emulator;
beforeAll(async () => {
  emu = await startOrg();
});
afterAll(async () => emu.close());

describe("verify on an org made by up", () => {
  it("passes every row, with the six objects found once each", async () => {
    emu.reset();
    await deployed(emu, "made", SAAS);
    const rows = await verifyRows(emu, "made", SAAS);
    expect(failedNames(rows)).toEqual([]);
    expect(rows.filter((row) => row.name.endsWith(": exists")).map((row) => row.name)).toEqual([
      `Integration "${INTEGRATION}": exists`,
      'Data action "Send Event to Cognigy": exists',
      `${ACW_WORKFLOW}: exists`,
      'Trigger "Trigger conversation.id.acw": exists',
      `${USER_END_WORKFLOW}: exists`,
      'Trigger "Trigger conversation.id.user.end": exists',
    ]);
    // What the API cannot show is said, not passed silently.
    expect(rows.filter((row) => row.skipped).map((row) => row.name)).toEqual([
      `${ACW_WORKFLOW}: Call Data Action wiring`,
      `${USER_END_WORKFLOW}: Call Data Action wiring`,
    ]);
    expect(rows.find((row) => row.skipped)?.actual).toMatch(/^not checked: /);

    // The same org checked against another endpoint: only the URL row fails.
    const other = await verifyRows(emu, "made", { "cognigy:endpointDomain": "trial.cognigy.ai" });
    expect(failedNames(other)).toEqual(['Data action "Send Event to Cognigy": request URL']);
    expect(other.find((row) => !row.ok)).toMatchObject({
      expected: "https://endpoint-trial.cognigy.ai/handover/genesysCloudOM",
      actual: "https://endpoint-app.cognigy.ai/handover/genesysCloudOM",
    });
  });
});

describe("verify on hand-made orgs", () => {
  const verifyHand = () => verifyRows(emu, "hand", SAAS);

  it("a correct hand-made setup fails only the management row, whose hint says how to adopt", async () => {
    emu.reset();
    await seedHandMade(emu.url);
    const rows = await verifyHand();
    expect(failedNames(rows)).toEqual([MANAGED]);
    const managed = rows.find((row) => row.name === MANAGED);
    expect(managed?.hint).toContain("pulumi config set --stack hand cognigy:adoptExisting true");
    expect(managed?.hint).toContain("pulumi up --stack hand");
  });

  it.each([
    {
      mistake: "variables not marked as input",
      options: { nonInputVariables: true },
      failed: [`${ACW_WORKFLOW}: input variables`, `${USER_END_WORKFLOW}: input variables`],
      row: { actual: "no input variables", expected: "Flow.addressTo (string, input), Flow.disconnectType (string, input)" },
    },
    {
      mistake: 'category "Web Services Data Action"',
      options: { category: "Web Services Data Action" },
      failed: ['Data action "Send Event to Cognigy": category'],
      row: { actual: "Web Services Data Action", expected: INTEGRATION },
    },
    {
      mistake: "a trigger left inactive",
      options: { disabledTrigger: "acw" as const },
      failed: ['Trigger "Trigger conversation.id.acw": enabled'],
      row: { actual: "disabled", expected: "enabled" },
    },
    {
      mistake: "a condition missing",
      options: { missingCondition: "user.end" as const },
      failed: ['Trigger "Trigger conversation.id.user.end": condition messageType Equal "OPEN"'],
      row: { actual: 'conditions: mediaType Equal "MESSAGE"', expected: 'messageType Equal "OPEN"' },
    },
    {
      mistake: "endpoint. instead of endpoint-",
      options: { url: GUIDE_URL.replace("endpoint-", "endpoint.") },
      failed: ['Data action "Send Event to Cognigy": request URL'],
      row: { actual: "https://endpoint.app.cognigy.ai/handover/genesysCloudOM", expected: GUIDE_URL },
    },
  ])("$mistake fails exactly its rows", async ({ options, failed, row }) => {
    emu.reset();
    await seedHandMade(emu.url, options);
    const rows = await verifyHand();
    expect(failedNames(rows)).toEqual([...failed, MANAGED]);
    const first = rows.find((candidate) => candidate.name === failed[0]);
    expect(first).toMatchObject(row);
    expect(first?.hint).toContain("cognigy:adoptExisting true");
  });

  it("a duplicate workflow fails its exists row and the trigger's target", async () => {
    // Flow jobs identify a workflow by name (the emulator, like Genesys, overwrites on a second
    // upload), so no API call makes a second one: it is loaded from an emulator state file.
    emu.reset();
    const made = await seedHandMade(emu.url);
    const state = emu.state();
    const original = state.flows.find((flow) => flow.id === made.flowIds.acw);
    state.flows.push({ ...structuredClone(original!), id: "0d0d0d0d-dup1-4000-8000-000000000001" });
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "verify-dup-")), "state.json");
    fs.writeFileSync(file, JSON.stringify(state));
    const duplicated = await startEmulator({ statePath: file });
    try {
      const rows = await verifyRows(duplicated, "hand", SAAS);
      expect(failedNames(rows)).toEqual([`${ACW_WORKFLOW}: exists`, 'Trigger "Trigger conversation.id.acw": target', MANAGED]);
      expect(rows.find((row) => row.name === `${ACW_WORKFLOW}: exists`)?.actual).toBe(
        `2 objects with this name (ids ${made.flowIds.acw}, 0d0d0d0d-dup1-4000-8000-000000000001)`,
      );
    } finally {
      await duplicated.close();
    }
  });

  it("an empty org reports each of the six objects missing", async () => {
    emu.reset();
    const rows = await verifyHand();
    expect(failedNames(rows)).toHaveLength(6);
    expect(rows.filter((row) => !row.ok).every((row) => row.actual === "missing" && row.hint?.includes("pulumi up --stack hand"))).toBe(true);
    expect(rows.find((row) => row.name === MANAGED)?.ok).toBe(true);
  });
});

describe("verify with an OAuth client whose role lacks permissions", () => {
  it("lists every missing permission first (the flow job's publishing ones too) and stops there, before any 403", async () => {
    const org = await startEmulator({ jobMs: 5 });
    try {
      const lacking = ["processautomation:trigger:add", "architect:job:view", "architect:flow:publish"];
      const granted = neededPermissions(["stack", "verify"]).filter((p) => !lacking.includes(p));
      org.addClient("limited", "limited-secret", granted);
      const rows = await verifyRows(org, "limited", {
        "cognigy:endpointDomain": "app.cognigy.ai",
        "genesyscloud:oauthClientId": "limited",
        "genesyscloud:oauthClientSecret": "limited-secret",
      });
      expect(rows).toEqual([
        expect.objectContaining({
          name: 'OAuth client "limited": permissions',
          ok: false,
          actual: "missing architect:job:view, processautomation:trigger:add, architect:flow:publish",
          hint: expect.stringContaining("Roles / Permissions"),
        }),
      ]);
      expect(org.log().entries.filter((entry) => entry.status === 403)).toEqual([]);
    } finally {
      await org.close();
    }
  });
});
