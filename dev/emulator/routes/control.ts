import { ApiError } from "../errors";
import type { Emulator } from "../emulator";
import type { Handler, Router } from "../router";
import type { FlowLock } from "../store";
import { objectBody, optionalObject, optionalString, requiredString } from "../validate";

// Test control, never part of Genesys: no auth, not logged, not rate limited, no faults.
const BASE = "/__emulator";

/** The lock's holder from a body `{ "user": { "id", "name" } }` or `{ "clientId" }`; none: another client. */
function lockHolder(body: unknown): FlowLock | undefined {
  if (body === undefined || body === null || body === "") return undefined;
  const json = objectBody(body, "lock");
  const user = optionalObject(json, "user");
  if (user) return { user: { id: requiredString(user, "id", "user.id"), name: requiredString(user, "name", "user.name") } };
  const clientId = optionalString(json, "clientId");
  return clientId === undefined ? undefined : { clientId };
}

/** Control input errors are 400s naming the bad key (the in-process API throws plain Errors). */
const guarded =
  (handler: Handler): Handler =>
  async (req) => {
    try {
      return await handler(req);
    } catch (e) {
      if (e instanceof ApiError) throw e;
      throw new ApiError(400, "bad.request", (e as Error).message);
    }
  };

export function registerControl(router: Router, emulator: Emulator): void {
  const add = (method: string, path: string, handler: Handler) => router.add(method, `${BASE}${path}`, "control", guarded(handler));
  const ok = (body: unknown) => ({ status: 200, body });

  add("GET", "/state", () => ok(emulator.state()));
  add("GET", "/log", () => ok(emulator.log()));
  add("DELETE", "/log", () => {
    emulator.clearLog();
    return { status: 204 };
  });
  add("GET", "/routes", () => ok(emulator.routes()));
  add("GET", "/faults", () => ok(emulator.faults()));
  add("POST", "/faults", (req) => {
    emulator.injectFaults(req.body as Parameters<Emulator["injectFaults"]>[0]);
    return ok(emulator.faults());
  });
  add("DELETE", "/faults", () => {
    emulator.clearFaults();
    return { status: 204 };
  });
  add("GET", "/random-faults", () => ok(emulator.faults()));
  add("POST", "/random-faults", (req) => {
    emulator.setRandomFaults(req.body === null ? null : (objectBody(req.body, "random faults") as never));
    return ok(emulator.faults());
  });
  add("GET", "/holds", () => ok(emulator.holds()));
  add("POST", "/holds", (req) => {
    const body = objectBody(req.body, "hold");
    const { id } = emulator.hold(requiredString(body, "route"), body.nth as number | undefined);
    return ok(emulator.holds().find((h) => h.id === id));
  });
  add("DELETE", "/holds/{holdId}", (req) => {
    emulator.releaseHold(req.params.holdId);
    return { status: 204 };
  });
  add("GET", "/settings", () => ok(emulator.settings()));
  add("POST", "/settings", (req) => ok(emulator.configure(objectBody(req.body, "settings"))));
  add("POST", "/clients", (req) => {
    const body = objectBody(req.body, "client");
    emulator.addClient(requiredString(body, "id"), requiredString(body, "secret"), body.permissions as string[] | undefined);
    return { status: 204 };
  });
  add("DELETE", "/clients/{clientId}", (req) => {
    emulator.revokeClient(req.params.clientId);
    return { status: 204 };
  });
  add("POST", "/tokens/expire", () => {
    emulator.expireTokens();
    return { status: 204 };
  });
  add("PUT", "/clients/{clientId}/permissions", (req) => {
    const body = objectBody(req.body, "permissions");
    emulator.setPermissions(req.params.clientId, body.permissions === null ? undefined : (body.permissions as string[]));
    return { status: 204 };
  });
  add("POST", "/activation-failures", (req) => {
    const body = objectBody(req.body, "activation failure");
    emulator.failActivations(requiredString(body, "awsAccountId"), body.detail === undefined ? undefined : requiredString(body, "detail"));
    return { status: 204 };
  });
  add("POST", "/job-failures", (req) => {
    const body = objectBody(req.body, "job failure");
    emulator.failNextJob(body.messages === undefined ? [] : (body.messages as string[]));
    return { status: 204 };
  });
  add("DELETE", "/activation-failures", () => {
    emulator.clearActivationFailures();
    return { status: 204 };
  });
  add("POST", "/flows/{flowId}/lock", (req) => {
    emulator.lockFlow(req.params.flowId, lockHolder(req.body));
    return { status: 204 };
  });
  add("POST", "/events", async (req) => {
    const body = objectBody(req.body, "event");
    return ok(await emulator.publishEvent(body.topic as string, body.event as Record<string, unknown>));
  });
  add("GET", "/events", () => ok({ entities: emulator.events() }));
  add("GET", "/events/{eventId}", (req) => ok(emulator.event(req.params.eventId)));
  add("POST", "/reset", () => {
    emulator.reset();
    return { status: 204 };
  });
}
