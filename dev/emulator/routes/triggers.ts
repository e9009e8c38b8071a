import { randomUUID } from "node:crypto";
import type { Context } from "../context";
import { badRequest, notFound, staleVersion } from "../errors";
import { criterionMatches, criterionProblem } from "../match";
import type { Router } from "../router";
import type { MatchCriterion, TriggerRecord } from "../store";
import { isKnownTopic, schemaProblems, TOPICS } from "../topics";
import { MAX_TRIGGER_PAGE_SIZE } from "../unverified";
import { type Json, objectBody, optionalString, queryInt, requiredObject, requiredString, requiredVersion } from "../validate";

const BASE = "/api/v2/processautomation/triggers";
/**
 * How a trigger hands its event to the workflow, and the one a trigger that names none uses: as
 * Genesys's Terraform provider validates and documents them (genesyscloud/process_automation_trigger,
 * kept in test/fixtures/genesys-sources/trigger-data-formats.txt).
 */
export const DATA_FORMATS = ["Json", "TopLevelPrimitives"];
export const DEFAULT_DATA_FORMAT = "TopLevelPrimitives";

function triggerView(t: TriggerRecord) {
  const { createdAt: _, ...rest } = t;
  void _;
  return { ...rest, selfUri: `${BASE}/${t.id}` };
}

function findTrigger(ctx: Context, id: string): TriggerRecord {
  const t = ctx.store.triggers.get(id);
  if (!t || !ctx.isVisible(t.createdAt)) throw notFound("trigger", id);
  return t;
}

const bad = (message: string, field?: string): never => {
  throw badRequest(message, field);
};

/** Every rule of the create/update body; returns the fields a TriggerRecord takes from it. */
function checkTrigger(ctx: Context, body: Json) {
  const name = requiredString(body, "name");
  const topicName = requiredString(body, "topicName");
  if (!isKnownTopic(topicName)) bad(`Unknown topic '${topicName}'; known topics: ${Object.keys(TOPICS).join(", ")}`, "topicName");
  if (typeof body.enabled !== "boolean") bad("'enabled' is required and must be a boolean", "enabled");
  const target = requiredObject(body, "target");
  if (target.type !== "Workflow") bad(`'target.type' must be 'Workflow', got ${JSON.stringify(target.type)}`, "target.type");
  const targetId = requiredString(target, "id", "target.id");
  const flow = ctx.store.flows.get(targetId);
  // Right after publishing, Genesys answers 400 here until the workflow is visible.
  if (!flow || !ctx.isVisible(flow.createdAt) || flow.type !== "WORKFLOW" || flow.versions.length === 0) {
    bad(`'target.id' ${targetId} is not an active, published workflow`, "target.id");
  }
  const settings = target.workflowTargetSettings ?? {};
  if (typeof settings !== "object" || settings === null) bad("'target.workflowTargetSettings' must be an object", "target.workflowTargetSettings");
  const dataFormat = (settings as Json).dataFormat ?? DEFAULT_DATA_FORMAT;
  if (!DATA_FORMATS.includes(dataFormat as string)) {
    bad(`'target.workflowTargetSettings.dataFormat' must be one of ${DATA_FORMATS.join(", ")}, got ${JSON.stringify(dataFormat)}`, "dataFormat");
  }
  const criteria = body.matchCriteria ?? [];
  if (!Array.isArray(criteria)) bad("'matchCriteria' must be a list", "matchCriteria");
  (criteria as unknown[]).forEach((c, i) => {
    const problem = criterionProblem(c, i, topicName);
    if (problem) bad(problem, "matchCriteria");
  });
  const ttl = body.eventTTLSeconds;
  const delay = body.delayBySeconds;
  if (ttl !== undefined && ttl !== null && delay !== undefined && delay !== null) {
    bad("'eventTTLSeconds' and 'delayBySeconds' cannot be used together", "eventTTLSeconds");
  }
  if (ttl !== undefined && ttl !== null && (!Number.isInteger(ttl) || (ttl as number) < 10)) bad(`'eventTTLSeconds' must be an integer >= 10, got ${JSON.stringify(ttl)}`, "eventTTLSeconds");
  if (delay !== undefined && delay !== null && (!Number.isInteger(delay) || (delay as number) < 60 || (delay as number) > 900)) {
    bad(`'delayBySeconds' must be an integer from 60 to 900, got ${JSON.stringify(delay)}`, "delayBySeconds");
  }
  const description = optionalString(body, "description");
  if (description !== undefined && description.length > 512) bad(`'description' must be at most 512 characters, got ${description.length}`, "description");
  return {
    name,
    topicName,
    enabled: body.enabled as boolean,
    target: { type: "Workflow", id: targetId, workflowTargetSettings: { dataFormat: dataFormat as string } },
    matchCriteria: (criteria as MatchCriterion[]).map((c) => ({ ...c })),
    ...(ttl !== undefined && ttl !== null ? { eventTTLSeconds: ttl as number } : {}),
    ...(delay !== undefined && delay !== null ? { delayBySeconds: delay as number } : {}),
    ...(description !== undefined ? { description } : {}),
  };
}

/** Cursor-style listing: opaque cursors are base64url positions in creation order. */
function cursorListing<T>(all: T[], path: string, query: URLSearchParams) {
  const pageSize = queryInt(query, "pageSize", 25, 1, MAX_TRIGGER_PAGE_SIZE);
  const position = (key: string) => {
    const raw = query.get(key);
    if (!raw) return undefined;
    const n = Number(Buffer.from(raw, "base64url").toString("utf8"));
    if (!Number.isInteger(n) || n < 0) bad(`Query parameter '${key}' is not a valid cursor`, key);
    return n;
  };
  const after = position("after");
  const before = position("before");
  let start = after !== undefined ? after : 0;
  if (before !== undefined) start = Math.max(0, before - pageSize);
  const end = Math.min(all.length, before !== undefined ? before : start + pageSize);
  const cursor = (n: number) => Buffer.from(String(n)).toString("base64url");
  const uri = (key: string, n: number) => {
    const q = new URLSearchParams(query);
    q.delete("after");
    q.delete("before");
    q.set(key, cursor(n));
    return `${path}?${q.toString()}`;
  };
  return {
    entities: all.slice(start, end),
    selfUri: `${path}?${query.toString()}`,
    ...(end < all.length ? { nextUri: uri("after", end) } : {}),
    ...(start > 0 ? { previousUri: uri("before", start) } : {}),
  };
}

function schemaValidation(topic: string, event: unknown) {
  const details = schemaProblems(topic, event);
  return { name: "Schema validation", step: 1, matches: details.length === 0, details };
}

export function registerTriggers(router: Router, ctx: Context): void {
  router.add("POST", BASE, "api", (req) => {
    const fields = checkTrigger(ctx, objectBody(req.body, "create trigger"));
    const rec: TriggerRecord = { id: randomUUID(), version: 1, createdAt: Date.now(), ...fields };
    ctx.store.triggers.set(rec.id, rec);
    return { status: 200, body: triggerView(rec) };
  });

  router.add("GET", BASE, "api", (req) => {
    const topic = req.query.get("topicName");
    const enabled = req.query.get("enabled");
    if (enabled !== null && enabled !== "true" && enabled !== "false") bad(`Query parameter 'enabled' must be true or false, got '${enabled}'`, "enabled");
    const all = [...ctx.store.triggers.values()]
      .filter((t) => (!topic || t.topicName === topic) && (enabled === null || String(t.enabled) === enabled))
      .sort((a, b) => a.createdAt - b.createdAt);
    return { status: 200, body: cursorListing(all.map(triggerView), BASE, req.query) };
  });

  router.add("GET", `${BASE}/topics`, "api", (req) => ({
    status: 200,
    body: cursorListing(Object.keys(TOPICS), `${BASE}/topics`, req.query),
  }));

  router.add("GET", `${BASE}/{triggerId}`, "api", (req) => ({ status: 200, body: triggerView(findTrigger(ctx, req.params.triggerId)) }));

  router.add("PUT", `${BASE}/{triggerId}`, "api", (req) => {
    const t = findTrigger(ctx, req.params.triggerId);
    const body = objectBody(req.body, "update trigger");
    const version = requiredVersion(body);
    if (version !== t.version) {
      throw staleVersion("trigger", t.id, version, t.version);
    }
    if (body.topicName !== t.topicName) bad(`'topicName' cannot be changed (is '${t.topicName}'); create a new trigger instead`, "topicName");
    const fields = checkTrigger(ctx, body);
    // PUT replaces: optional fields left out are removed.
    delete t.eventTTLSeconds;
    delete t.delayBySeconds;
    delete t.description;
    Object.assign(t, fields, { version: t.version + 1 });
    return { status: 200, body: triggerView(t) };
  });

  router.add("DELETE", `${BASE}/{triggerId}`, "api", (req) => {
    const t = findTrigger(ctx, req.params.triggerId);
    ctx.store.triggers.delete(t.id);
    return { status: 204 };
  });

  router.add("POST", `${BASE}/{triggerId}/test`, "api", (req) => {
    const t = findTrigger(ctx, req.params.triggerId);
    const event = req.body ?? {};
    const schema = schemaValidation(t.topicName, event);
    const flow = ctx.store.flows.get(t.target.id);
    const targetOk = !!flow && flow.versions.length > 0;
    const details = t.matchCriteria.map((c) => ({ ...c, match: criterionMatches(c, event) }));
    const pathsOk = details.every((d) => d.match);
    return {
      status: 200,
      body: {
        schemaValidation: schema,
        targetValidation: { name: "Target validation", step: 2, matches: targetOk, details: targetOk ? [] : [`Workflow ${t.target.id} is not published`] },
        jsonPathValidation: { name: "JSON path validation", step: 3, matches: pathsOk, details },
        triggerMatches: schema.matches && targetOk && pathsOk,
      },
    };
  });

  router.add("POST", `${BASE}/topics/{topicName}/test`, "api", (req) => {
    const topic = req.params.topicName;
    if (!isKnownTopic(topic)) throw notFound("topic", topic);
    const event = req.body ?? {};
    const ref = (t: TriggerRecord) => ({ id: t.id, name: t.name, enabled: t.enabled, selfUri: `${BASE}/${t.id}` });
    const ofTopic = [...ctx.store.triggers.values()].filter((t) => t.topicName === topic);
    const matched = ofTopic.filter((t) => t.enabled && t.matchCriteria.every((c) => criterionMatches(c, event)));
    return {
      status: 200,
      body: {
        schemaValidation: schemaValidation(topic, event),
        triggerMatchValidation: {
          name: "Trigger match validation",
          step: 2,
          matchedTriggers: matched.map(ref),
          unmatchedTriggers: ofTopic.filter((t) => !matched.includes(t)).map(ref),
        },
      },
    };
  });
}
