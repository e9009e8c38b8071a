// Permissions: an OAuth client with a limited set gets Genesys's 403 per route, naming what it
// lacks; the emulator's own table covers every route it serves; a flow job publishes with the
// permissions of the client that registered it.
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../../dev/emulator/index";
import { grants, permissionRefusal, ROUTE_PERMISSIONS } from "../../dev/emulator/permissions";
import { failure, login } from "./sdk";
import { publish } from "./world";

const WORKFLOW = readFileSync(path.join(__dirname, "..", "fixtures", "workflows", "minimal-no-data-action.yaml"), "utf8");

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({
    clients: [
      { id: "admin", secret: "s" },
      { id: "viewer", secret: "s", permissions: ["integrations:integration:view", "architect:*:view"] },
    ],
  });
});
afterAll(() => emu.close());

describe("permissions", () => {
  it("answers 403 missing.permissions naming the permission; allows what the roles grant (with * parts)", async () => {
    const viewer = await login(emu.url, "viewer", "s");
    expect((await viewer.integrations.getIntegrations({})).entities).toEqual([]);
    expect((await viewer.architect.getFlows({})).entities).toEqual([]);
    const refused = await failure(viewer.integrations.postIntegrations({ body: { name: "", integrationType: { id: "custom-rest-actions" } } }));
    expect(refused).toMatchObject({
      status: 403,
      code: "missing.permissions",
      message: "Unable to perform the requested action. You are missing the following permission(s): [integrations:integration:add]",
    });
    expect(emu.state().integrations).toEqual([]);
    // Two accepted permissions (the current and the legacy one): missing.any.permissions.
    expect(await failure(viewer.integrations.getIntegrationsActions({}))).toMatchObject({
      status: 403,
      code: "missing.any.permissions",
      message: expect.stringContaining("at least one of the following permissions assigned: [integrations:action:view, bridge:actions:view]"),
    });
    // No permission needed.
    expect((await viewer.organization.getOrganizationsMe()).id).toBe(emu.state().org.id);
  });

  it("applies granted permissions at once, to tokens already issued; an unrestricted client may do everything", async () => {
    const viewer = await login(emu.url, "viewer", "s");
    emu.setPermissions("viewer", ["integrations:integration:view", "integrations:integration:add"]);
    try {
      expect((await viewer.integrations.postIntegrations({ body: { name: "", integrationType: { id: "custom-rest-actions" } } })).id).toBeDefined();
    } finally {
      emu.setPermissions("viewer", ["integrations:integration:view", "architect:*:view"]);
    }
    const admin = await login(emu.url, "admin", "s");
    expect((await admin.integrations.postIntegrations({ body: { name: "", integrationType: { id: "custom-rest-actions" } } })).id).toBeDefined();
  });

  it("tells a client in which divisions it holds a permission (divisionspermitted/paged/me)", async () => {
    const viewer = await login(emu.url, "viewer", "s");
    const held = await viewer.authorization.getAuthorizationDivisionspermittedPagedMe("architect:flow:view");
    expect(held.entities?.map((d) => d.name)).toEqual(["Home"]);
    expect((await viewer.authorization.getAuthorizationDivisionspermittedPagedMe("integrations:integration:add")).entities).toEqual([]);
  });

  it("fails a flow job whose client may register it but not create, check in and publish the flow, naming what it lacks", async () => {
    const jobsOnly = ["architect:job:create", "architect:job:view", "architect:flow:view", "architect:flow:unlock"];
    emu.addClient("publisher", "s", jobsOnly);
    const publisher = await login(emu.url, "publisher", "s");
    const refused = await publish(publisher, WORKFLOW);
    expect(refused).toMatchObject({
      status: "Failure",
      messages: [
        {
          text: "Unable to perform the requested action. You are missing the following permission(s): [architect:flow:add, architect:flow:edit, architect:flow:publish]",
        },
      ],
    });
    expect(emu.state().flows).toEqual([]);

    emu.setPermissions("publisher", [...jobsOnly, "architect:flow:add", "architect:flow:edit", "architect:flow:publish"]);
    const published = await publish(publisher, WORKFLOW);
    expect(published.status).toBe("Success");
    // Republishing an existing flow creates nothing: it needs no architect:flow:add.
    emu.setPermissions("publisher", [...jobsOnly, "architect:flow:edit", "architect:flow:publish"]);
    expect((await publish(publisher, WORKFLOW)).flowId).toBe(published.flowId);
    emu.setPermissions("publisher", [...jobsOnly, "architect:flow:edit"]);
    expect((await publish(publisher, WORKFLOW)).messages.map((m) => m.text)).toEqual([
      "Unable to perform the requested action. You are missing the following permission(s): [architect:flow:publish]",
    ]);
  });

  it("has a permission entry for every route it serves, and none for a route it does not", () => {
    const withClient = emu.routes().filter((key) => key.includes(" /api/v2/"));
    expect([...ROUTE_PERMISSIONS.keys()].sort()).toEqual(withClient.sort());
  });

  it("matches * parts and refuses bad permission strings (pure)", () => {
    expect(grants(["integrations:*:view"], "integrations:action:view")).toBe(true);
    expect(grants(["integrations:*:view"], "integrations:action:add")).toBe(false);
    expect(grants(["*:*:*"], "architect:job:create")).toBe(true);
    expect(permissionRefusal("POST /api/v2/flows/jobs", undefined)).toBeUndefined();
    expect(permissionRefusal("GET /api/v2/organizations/me", [])).toBeUndefined();
    expect(permissionRefusal("POST /api/v2/flows/jobs", [])?.message).toContain("[architect:job:create]");
    expect(() => emu.addClient("bad", "s", ["integrations.integration.add"])).toThrow(/domain:entity:action/);
  });
});
