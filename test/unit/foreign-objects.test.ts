// Who holds a workflow's lock, and the refusals naming objects in the way of a delete (pure).
import { describe, expect, it } from "vitest";
import { foreignActionsRefusal, foreignTriggersRefusal, lockHolder, lockedRefusal } from "../../providers/foreign-objects";

const OWN = "stack-client";

describe("lockHolder", () => {
  it("no lock: nobody", () => {
    expect(lockHolder({}, OWN)).toBeUndefined();
  });

  it("a person's lock, with whatever Genesys fills in of the user", () => {
    expect(lockHolder({ lockedUser: { id: "u1", name: "Ann Lee", email: "ann@example.com" } }, OWN)).toEqual({
      own: false,
      text: 'user "Ann Lee" (ann@example.com, id u1)',
    });
    expect(lockHolder({ lockedUser: { id: "u1" } }, OWN)).toEqual({ own: false, text: "user (name not given) (id u1)" });
  });

  it("a person's lock is theirs even when they opened Architect with this client", () => {
    expect(lockHolder({ lockedUser: { id: "u1", name: "Ann" }, lockedClient: { id: OWN } }, OWN)?.own).toBe(false);
  });

  it("this client's own lock, and another client's", () => {
    expect(lockHolder({ lockedClient: { id: OWN } }, OWN)).toEqual({ own: true });
    expect(lockHolder({ lockedClient: { id: "ci", name: "Release pipeline" } }, OWN)).toEqual({
      own: false,
      text: 'OAuth client "Release pipeline" (id ci)',
    });
  });
});

describe("refusals", () => {
  const release = "`pulumi state delete '<URN>'` with the URN `pulumi stack --show-urns` gives";

  it("names every foreign action of the integration and both ways forward", () => {
    const text = foreignActionsRefusal({ id: "i1", name: "Cognigy" }, [
      { id: "a1", name: "Lookup", category: "Cognigy", integrationId: "i1" },
      { id: "a2", name: "Notify", category: "CRM", integrationId: "i1" },
    ]);
    expect(text).toContain('Integration "Cognigy" (id i1) was kept');
    expect(text).toContain('these actions are not this stack\'s:\n  - "Lookup" (category "Cognigy", id a1)\n  - "Notify" (category "CRM", id a2)\n');
    expect(text).toContain("Admin > Integrations > Actions");
    expect(text).toContain(release);
  });

  it("names the lock's holder and the way forward", () => {
    const text = lockedRefusal({ id: "f1", name: "Workflow acw" }, 'user "Ann Lee" (id u1)');
    expect(text).toContain('Workflow "Workflow acw" (id f1) was not deleted: it is locked in Architect by user "Ann Lee" (id u1)');
    expect(text).toContain("close the flow in Architect");
    expect(text).toContain(release);
  });

  it("names every foreign trigger by name, topic and id", () => {
    const text = foreignTriggersRefusal({ id: "f1", name: "Workflow acw" }, [{ id: "t1", name: "CRM", topicName: "v2.detail.events.conversation.{id}.acw" }]);
    expect(text).toContain('this trigger is not this stack\'s:\n  - "CRM" (topic v2.detail.events.conversation.{id}.acw, id t1)\n');
    expect(text).toContain(release);
  });
});
