import { randomBytes, randomUUID } from "node:crypto";
import { parse } from "yaml";
import { inputSchema, validateWorkflow } from "../archy";
import type { Context } from "../context";
import { ApiError, badRequest, notFound } from "../errors";
import { pageListing } from "../paging";
import { flowJobRefusal } from "../permissions";
import type { Router } from "../router";
import type { DataActionBinding, FlowLock, FlowRecord, FlowVersionRecord, JobRecord } from "../store";
import { CONFIGURATION_SHAPE, FLOW_IN_USE, JOB_MESSAGES, LOCKED_USER_FIELDS, UPLOAD_FORBIDDEN_STATUS } from "../unverified";

const BASE = "/api/v2/flows";
const UPLOAD_PATH = "/uploads/architect-jobs";
/** A client id nobody logs in with: "another client" holding the lock when the test names no holder. */
const LOCK_HOLDER = "emulator-lock-holder";

function versionView(flow: FlowRecord, v: FlowVersionRecord, withSchema: boolean) {
  return {
    id: v.id,
    name: flow.name,
    type: "WORKFLOW",
    datePublished: v.datePublished,
    ...(withSchema ? { inputSchema: inputSchema(v.variables) } : {}),
    selfUri: `${BASE}/${flow.id}/versions/${v.id}`,
  };
}

/** What Architect holds for one published version (shape unverified: CONFIGURATION_SHAPE). */
function configurationView(flow: FlowRecord, v: FlowVersionRecord) {
  const workflow = (parse(v.yaml) as { workflow?: Record<string, unknown> } | null)?.workflow ?? {};
  const actions = (v.dataActions ?? []).map((b) => ({ id: b.actionId, name: b.name, category: b.category }));
  return { ...workflow, id: flow.id, type: CONFIGURATION_SHAPE.type, manifest: { [CONFIGURATION_SHAPE.manifestKey]: actions } };
}

function flowView(ctx: Context, flow: FlowRecord) {
  const latest = flow.versions[flow.versions.length - 1];
  const home = ctx.store.org.homeDivision;
  const divisionId = flow.division === home.name ? home.id : flow.division;
  return {
    id: flow.id,
    name: flow.name,
    division: { id: divisionId, name: flow.division, selfUri: `/api/v2/authorization/divisions/${divisionId}` },
    description: flow.description,
    type: flow.type,
    ...lockView(flow.lockedBy),
    active: true,
    system: false,
    deleted: false,
    publishedVersion: versionView(flow, latest, false),
    checkedInVersion: versionView(flow, latest, false),
    selfUri: `${BASE}/${flow.id}`,
  };
}

function findFlow(ctx: Context, id: string): FlowRecord {
  const f = ctx.store.flows.get(id);
  if (!f || !ctx.isVisible(f.createdAt)) throw notFound("flow", id);
  return f;
}

function jobView(job: JobRecord, withMessages: boolean) {
  return {
    id: job.id,
    status: job.status,
    command: "Publish",
    ...(job.flowId ? { flow: { id: job.flowId, selfUri: `${BASE}/${job.flowId}` } } : {}),
    ...(withMessages ? { messages: job.messages } : {}),
    selfUri: `${BASE}/jobs/${job.id}`,
  };
}

/**
 * The SDK's Flow model names the holder of Architect's lock in one of two fields: `lockedUser`
 * (a person with the flow open in Architect) or `lockedClient` (an OAuth client).
 */
function lockView(holder: FlowLock | undefined) {
  if (!holder) return {};
  if ("user" in holder) {
    const user = Object.fromEntries(LOCKED_USER_FIELDS.map((field) => [field, holder.user[field]]));
    return { lockedUser: { ...user, selfUri: `/api/v2/users/${holder.user.id}` } };
  }
  return { lockedClient: { id: holder.clientId, selfUri: `/api/v2/oauth/clients/${holder.clientId}` } };
}

/** Locks a flow as its holder would by opening it in Architect (default: a client nobody logs in with). */
export function lockFlow(ctx: Context, flowId: string, holder: FlowLock = { clientId: LOCK_HOLDER }): void {
  const flow = ctx.store.flows.get(flowId);
  if (!flow) throw new Error(`No flow with id '${flowId}' to lock`);
  flow.lockedBy = holder;
}

function holderName(holder: FlowLock): string {
  return "user" in holder ? holder.user.name : holder.clientId;
}

/**
 * Finishes every uploaded job whose time (upload + the current jobMs) has come. Runs before
 * each Genesys call, so the outcome is the same as a timer firing then (no request was
 * handled in between) without timers. Lowering jobMs lets waiting jobs finish at once.
 */
export function settleJobs(ctx: Context): void {
  const now = Date.now();
  for (const job of ctx.store.jobs.values()) {
    if (job.status !== "Started" || job.uploadedAt === undefined) continue;
    const due = job.uploadedAt + ctx.settings.jobMs;
    if (due <= now) finishJob(ctx, job, due);
  }
}

function finishJob(ctx: Context, job: JobRecord, at: number): void {
  const dateTime = new Date(at).toISOString();
  // Architect resolves each Call Data Action by category and name once, at publish: the
  // published version keeps calling that action id (see bindings in dev/emulator/README.md).
  const bindings: DataActionBinding[] = [];
  const lookup = (category: string, name: string) => {
    const a = [...ctx.store.actions.values()].find((x) => x.category === category && x.name === name);
    const integration = a && ctx.store.integrations.get(a.integrationId);
    if (!a || integration?.intendedState !== "ENABLED") return undefined;
    bindings.push({ category, name, actionId: a.id });
    return { inputSchema: a.contract.input.inputSchema, successSchema: a.contract.output.successSchema };
  };
  // The org has one division, its home division (named as the org names it).
  const result = validateWorkflow(job.yaml ?? "", lookup, [ctx.store.org.homeDivision.name]);
  job.finishedAt = at;
  // A failure asked for by the test (Genesys can fail a job with no message at all).
  const forced = ctx.jobFailures.shift();
  if (forced) {
    job.status = "Failure";
    job.messages = forced.map((text) => ({ dateTime, type: "Error", text, details: [] }));
    return;
  }
  if (!result.ok) {
    job.status = "Failure";
    job.messages = result.problems.map((p) => ({ dateTime, type: "Error", text: p.text, details: p.details ?? [] }));
    return;
  }
  const wf = result.workflow;
  const existing = [...ctx.store.flows.values()].find((f) => f.type === "WORKFLOW" && f.name.toLowerCase() === wf.name.toLowerCase());
  // The job creates, checks in and publishes with its client's permissions.
  const refusal = flowJobRefusal(job.clientId === undefined ? undefined : ctx.permissionsOf(job.clientId), existing === undefined);
  if (refusal) {
    job.status = "Failure";
    job.messages = [{ dateTime, type: "Error", text: refusal, details: [] }];
    return;
  }
  if (existing?.lockedBy) {
    job.status = "Failure";
    job.messages = [{ dateTime, type: "Error", text: JOB_MESSAGES.locked(existing.name), details: [] }];
    return;
  }
  const flow: FlowRecord = existing ?? {
    id: randomUUID(),
    name: wf.name,
    type: "WORKFLOW",
    description: "",
    division: wf.division,
    yaml: "",
    inputVariables: [],
    versions: [],
    createdAt: at,
  };
  flow.versions.push({ id: `${flow.versions.length + 1}.0`, yaml: job.yaml ?? "", variables: wf.variables, datePublished: dateTime, dataActions: bindings });
  Object.assign(flow, {
    name: wf.name,
    description: wf.description,
    division: wf.division,
    yaml: job.yaml,
    inputVariables: wf.variables.filter((v) => v.isInput).map((v) => v.name.replace(/^Flow\./, "")),
  });
  ctx.store.flows.set(flow.id, flow);
  job.status = "Success";
  job.flowId = flow.id;
  // A published job reports nothing: the message types are only Error and Warning.
  job.messages = [];
}

const s3Forbidden = (message: string) => ({
  status: UPLOAD_FORBIDDEN_STATUS,
  text: `<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>${message}</Message></Error>`,
  contentType: "application/xml",
});

export function registerFlows(router: Router, ctx: Context): void {
  router.add("POST", `${BASE}/jobs`, "api", (req) => {
    const job: JobRecord = {
      id: randomUUID(),
      clientId: req.clientId,
      uploadHeaders: { "x-amz-server-side-encryption": "AES256", "x-amz-meta-upload-token": randomBytes(12).toString("hex") },
      status: "Registered",
      createdAt: Date.now(),
      messages: [],
    };
    ctx.store.jobs.set(job.id, job);
    return {
      status: 200,
      body: { id: job.id, presignedUrl: `${ctx.baseUrl()}${UPLOAD_PATH}/${job.id}`, headers: job.uploadHeaders, selfUri: `${BASE}/jobs/${job.id}` },
    };
  });

  // The presigned URL: plain HTTP outside the SDK, like S3. Headers must match exactly.
  router.add("PUT", `${UPLOAD_PATH}/{jobId}`, "upload", (req) => {
    const job = ctx.store.jobs.get(req.params.jobId);
    if (!job) return s3Forbidden("Request has expired or the signature does not match");
    const missing = Object.entries(job.uploadHeaders).find(([k, v]) => req.headers[k.toLowerCase()] !== v);
    if (missing) return s3Forbidden(`There were headers present in the request which were not signed or are missing: ${missing[0]}`);
    // S3 refuses x-amz-* headers the URL did not sign.
    const signed = Object.keys(job.uploadHeaders).map((k) => k.toLowerCase());
    const unsigned = Object.keys(req.headers).find((k) => k.startsWith("x-amz-") && !signed.includes(k));
    if (unsigned) return s3Forbidden(`There were headers present in the request which were not signed: ${unsigned}`);
    // A repeated upload (a retry after a lost answer) is accepted but only the first one is processed.
    if (job.status === "Registered") {
      Object.assign(job, { yaml: req.rawBody.toString("utf8"), uploadedAt: Date.now(), status: "Started", uploadContentType: req.headers["content-type"] });
    }
    return { status: 200 };
  });

  router.add("GET", `${BASE}/jobs/{jobId}`, "api", (req) => {
    const job = ctx.store.jobs.get(req.params.jobId);
    if (!job) throw notFound("architect job", req.params.jobId);
    const expand = (req.query.get("expand") ?? "").split(",");
    return { status: 200, body: jobView(job, expand.includes("messages")) };
  });

  router.add("GET", BASE, "api", (req) => {
    const types = (req.query.get("type") ?? "").split(",").filter(Boolean).map((t) => t.toUpperCase());
    const name = req.query.get("name")?.toLowerCase();
    const ids = (req.query.get("id") ?? "").split(",").filter(Boolean);
    const all = [...ctx.store.flows.values()].filter(
      (f) => (!types.length || types.includes(f.type)) && (!name || f.name.toLowerCase().includes(name)) && (!ids.length || ids.includes(f.id)),
    );
    return { status: 200, body: pageListing(all.map((flow) => flowView(ctx, flow)), BASE, req.query) };
  });

  router.add("GET", `${BASE}/{flowId}`, "api", (req) => ({ status: 200, body: flowView(ctx, findFlow(ctx, req.params.flowId)) }));

  router.add("GET", `${BASE}/{flowId}/versions/{versionId}`, "api", (req) => {
    const flow = findFlow(ctx, req.params.flowId);
    const v = flow.versions.find((x) => x.id === req.params.versionId);
    if (!v) throw notFound("flow version", req.params.versionId);
    return { status: 200, body: versionView(flow, v, true) };
  });

  router.add("GET", `${BASE}/{flowId}/versions/{versionId}/configuration`, "api", (req) => {
    const flow = findFlow(ctx, req.params.flowId);
    const v = flow.versions.find((x) => x.id === req.params.versionId);
    if (!v) throw notFound("flow version", req.params.versionId);
    return { status: 200, body: configurationView(flow, v) };
  });

  router.add("DELETE", `${BASE}/{flowId}`, "api", (req) => {
    const flow = findFlow(ctx, req.params.flowId);
    if (flow.lockedBy) {
      throw new ApiError(FLOW_IN_USE.status, FLOW_IN_USE.code, `Flow '${flow.name}' is locked by '${holderName(flow.lockedBy)}'; unlock it first`);
    }
    const trigger = [...ctx.store.triggers.values()].find((t) => t.target.id === flow.id);
    if (trigger) {
      throw new ApiError(FLOW_IN_USE.status, FLOW_IN_USE.code, `Flow '${flow.name}' is referenced by trigger '${trigger.name}' (${trigger.id})`);
    }
    ctx.store.flows.delete(flow.id);
    return { status: 204 };
  });

  router.add("POST", `${BASE}/actions/unlock`, "api", (req) => {
    const id = req.query.get("flow");
    if (!id) throw badRequest("Query parameter 'flow' is required", "flow");
    const flow = findFlow(ctx, id);
    delete flow.lockedBy;
    return { status: 200, body: flowView(ctx, flow) };
  });
}
