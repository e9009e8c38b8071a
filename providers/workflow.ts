import * as pulumi from "@pulumi/pulumi";
import { DIVISION_CONFIG_KEY } from "../domain/config-keys";
import { Found, PartialCreateError, adoptionOutcome, confirmAnnounced } from "./adoption";
import { hasMarker, withMarker, withoutMarker } from "../domain/marker";
import { DiffRules, containsUnknown, dropUndefined, requireText } from "./diff";
import { foreignTriggersRefusal, lockHolder, lockedRefusal } from "./foreign-objects";
import * as flows from "./genesys/flows";
import type { Job, JobMessage, LiveFlow, RegisteredJob } from "./genesys/flows";
import { readHomeDivision } from "./genesys/organization";
import type { GenesysApi } from "./genesys/transport";
import * as triggers from "./genesys/triggers";
import { pollDelayMs } from "./genesys/polling";
import { GenesysApiError, sleep } from "./genesys/retry-policy";
import { LABELS, NewObjectGate, WebhookProvider, knownKey } from "./webhook-provider";
import { driftedYaml, importedYaml, isStandInYaml, standInPublishRefusal, stillPublishedByStack } from "./workflow-drift";

/** An Architect workflow, created and published through the flow jobs API. */
export interface WorkflowArgs {
  /** Must equal `workflow.name` in `yaml` (the flow's identity with type WORKFLOW). */
  readonly name: pulumi.Input<string>;
  /** Division name; default (or "") the org's home division, whatever the org calls it. */
  readonly division?: pulumi.Input<string>;
  /** Fully rendered Archy YAML. The provider writes `managedBy` into `workflow.description`. */
  readonly yaml: pulumi.Input<string>;
  /** Take over an existing workflow of the same name; default false. */
  readonly adopt?: pulumi.Input<boolean>;
  /** Allow replacing an adopted workflow (a new name); default false. */
  readonly allowReplaceAdopted?: pulumi.Input<boolean>;
  readonly managedBy: pulumi.Input<string>;
  /**
   * Set by the program where no new object may be made (Cognigy.AI 4.100 up to 2025.11): why, and
   * the way forward. An object this stack holds, or one adopted by name, is managed as usual.
   */
  readonly createRefusal?: pulumi.Input<string>;
  /**
   * Id of the data action the YAML's Call Data Action names. A published workflow keeps calling
   * the action id it resolved when it was published, so a new id (the action was replaced)
   * republishes the workflow.
   */
  readonly dataActionId?: pulumi.Input<string>;
}

export interface WorkflowOutputs {
  name: string;
  /** As given: "" for the org's home division. */
  division: string;
  /** The division the flow is in, as Genesys names it (the home division may have any name). */
  divisionName: string;
  yaml: string;
  adopt: boolean;
  managedBy: string;
  providerVersion: string;
  dataActionId?: string;
  /** "WORKFLOW". */
  flowType: string;
  published: boolean;
  /** Genesys's published version id of the flow, e.g. "2.0". */
  publishedVersion: string;
  /** The id of the flow job that last published the flow. */
  jobId: string;
  /** Locked in Architect by a user or client. */
  locked: boolean;
  adopted: boolean;
  /** An adopted workflow's own description (its admin's), kept beside the marker when the YAML has none. */
  adminDescription?: string;
}

export const RULES: DiffRules = {
  fields: ["name", "division", "yaml", "adopt", "managedBy", "providerVersion", "dataActionId"],
  // (name, type) is the flow's identity: a renamed upload makes a new flow, so the old one
  // must go. Create-before-delete lets the trigger move to the new flow first.
  replaceOn: ["name"],
  deleteBeforeReplace: false,
};

type YamlModule = typeof import("yaml");

/**
 * Pure: the YAML to upload, with the division and the `managedBy` marker in
 * `workflow.description` (after `adminDescription` when the YAML has none). Throws naming the
 * problem when the YAML cannot be uploaded.
 */
export function prepareWorkflowYaml(text: string, name: string, division: string | undefined, managedBy: string, adminDescription = ""): string {
  // Required here: a captured package is recorded by absolute path in the serialized provider.
  const YAML: YamlModule = require("yaml");
  const doc = YAML.parseDocument(text);
  if (doc.errors.length > 0) throw new Error(`yaml is not valid YAML: ${doc.errors[0].message}`);
  const yamlName = doc.getIn(["workflow", "name"]);
  if (yamlName !== name) {
    throw new Error(`yaml's workflow.name is ${JSON.stringify(yamlName)} but name is ${JSON.stringify(name)}: they must be equal`);
  }
  const token = /\{\{[^}]*\}\}/.exec(text);
  if (token) throw new Error(`yaml still contains the template token ${token[0]}: render it fully before upload`);
  const description = doc.getIn(["workflow", "description"]);
  const own = typeof description === "string" ? description.trim() : "";
  doc.setIn(["workflow", "description"], withMarker(own === "" ? adminDescription : own, managedBy));
  // Unresolved yet (check): the home division's name comes from Genesys at upload.
  if (division !== undefined) doc.setIn(["workflow", "division"], division);
  return doc.toString();
}

/** `division` for the org's home division, which the provider asks Genesys for by its role, not its name. */
export const HOME_DIVISION = "";

/** Pure: defaults applied, failures named by field; `olds`: the recorded inputs. */
export function checkWorkflow(news: Record<string, unknown>, olds: Record<string, unknown> = {}): pulumi.dynamic.CheckResult {
  const inputs: Record<string, unknown> = { division: HOME_DIVISION, adopt: false, ...dropUndefined(news) };
  const failures: pulumi.dynamic.CheckFailure[] = [];
  for (const field of ["name", "yaml", "managedBy"]) requireText(inputs, field, failures);
  if (inputs.division !== HOME_DIVISION) requireText(inputs, "division", failures);
  if (inputs.dataActionId !== undefined) requireText(inputs, "dataActionId", failures);
  // The stand-in read recorded, kept by ignoreChanges: nothing to publish (create and update refuse to publish it).
  const keptStandIn = inputs.yaml === olds.yaml && isStandInYaml(inputs.yaml);
  if (failures.length === 0 && !keptStandIn && !containsUnknown([inputs.yaml, inputs.name, inputs.division, inputs.managedBy])) {
    try {
      prepareWorkflowYaml(inputs.yaml as string, inputs.name as string, (inputs.division as string) || undefined, inputs.managedBy as string);
    } catch (err) {
      failures.push({ property: "yaml", reason: (err as Error).message });
    }
  }
  return { inputs, failures };
}

/** No Archy publish is quicker than this; a poll sooner could only see "Started". */
export const FIRST_POLL_MS = 500;

/** Pure: every Archy message of a failed job, with the references its details name. */
export function jobFailureText(messages: JobMessage[] | undefined): string {
  if (!messages || messages.length === 0) return "  (the job reported no messages)";
  return messages
    .map((message) => {
      const details = (message.details ?? []).map((d) => (typeof d === "string" ? d : JSON.stringify(d)));
      return `  - ${message.text ?? "(no text)"}${details.length > 0 ? ` [${details.join("; ")}]` : ""}`;
    })
    .join("\n");
}

/** A flow as `GET /api/v2/flows/{id}` answers it (the fields this project reads). */
/** Inputs after `check` (defaults applied). */
export type WorkflowInputs = Pick<WorkflowOutputs, "name" | "division" | "yaml" | "adopt" | "managedBy" | "providerVersion" | "dataActionId"> &
  NewObjectGate;

export class WorkflowProvider extends WebhookProvider implements pulumi.dynamic.ResourceProvider {
  /** The home division's name, read once per org and provider process: every workflow of the run needs the same. */
  private homeDivision?: { api: GenesysApi; name: Promise<string> };

  constructor() {
    super({ check: checkWorkflow, rules: RULES, label: (inputs) => LABELS.workflow(inputs.name) });
  }


  protected async lookup(inputs: WorkflowInputs): Promise<Found | undefined> {
    if (!knownKey(inputs.name, inputs.managedBy)) return undefined;
    const found = await findWorkflow(this.genesys(), inputs.name);
    // An upload of the same name overwrites the flow in place, whatever it held.
    return found && { id: found.id, ours: hasMarker(found.description, inputs.managedBy) };
  }

  async create(inputs: WorkflowInputs): Promise<pulumi.dynamic.CreateResult> {
    refuseStandIn(inputs);
    // A registered job changes nothing until its upload, so it is registered while we look;
    // where creating may be refused, only after the look, so a refusal makes no write at all.
    // The division's name is read meanwhile too (a read changes nothing); its failure is
    // reported by publish, or nowhere when create stops before publishing.
    const division = this.divisionName(inputs);
    division.catch(() => undefined);
    const [found, job] = inputs.createRefusal
      ? [await findWorkflow(this.genesys(), inputs.name), undefined]
      : await Promise.all([findWorkflow(this.genesys(), inputs.name), this.registerJob()]);
    const existing = found && { id: found.id, ours: hasMarker(found.description, inputs.managedBy) };
    // Refuse before uploading: a job with this name would silently overwrite the flow.
    const outcome = adoptionOutcome(this.kind.label(inputs).kind, inputs.name, existing, inputs.adopt, inputs.createRefusal);
    confirmAnnounced(this.kind.label(inputs).kind, inputs.name, outcome, inputs.adoption);
    const adopted = outcome.action === "take-over" && outcome.adopted;
    const adminDescription = adopted ? withoutMarker(found?.description, inputs.managedBy) : "";
    try {
      return await this.publish(inputs, adopted, adminDescription, job, division);
    } catch (err) {
      const made = found ?? (await findWorkflow(this.genesys(), inputs.name).catch(() => undefined));
      if (made && !(err instanceof PartialCreateError)) {
        throw new PartialCreateError((err as Error).message, made.id, { ...inputs, adopted });
      }
      throw err;
    }
  }

  async read(id: string, props: WorkflowOutputs): Promise<pulumi.dynamic.ReadResult> {
    const flow = await flows.readOrGoneFlow(this.genesys(), id);
    if (flow === undefined) return {};
    const live = flowOutputs(flow);
    if (Object.keys(props ?? {}).length === 0) return this.imported(id, flow, live);
    // Republished by hand (or unpublished): refresh records a yaml the stack's cannot equal, so
    // preview shows the change and up publishes the stack's YAML again.
    const configurations =
      live.publishedVersion !== "" && live.publishedVersion !== props.publishedVersion
        ? await flows.publishedConfigurations(this.genesys(), id, props.publishedVersion, live.publishedVersion)
        : undefined;
    const yaml = stillPublishedByStack(props.publishedVersion, live.publishedVersion, configurations)
      ? props.yaml
      : driftedYaml(live.name, live.publishedVersion, props.publishedVersion);
    // Still in the division it was published to: the input stays as given ("" for home);
    // moved elsewhere, the live name shows as drift.
    const division = props.division === HOME_DIVISION && live.divisionName === props.divisionName ? HOME_DIVISION : live.divisionName;
    const outs = { ...props, ...live, division, yaml };
    const inputs = Object.fromEntries(RULES.fields.map((f) => [f, (outs as unknown as Record<string, unknown>)[f]]));
    return { id, props: outs, inputs };
  }

  /**
   * An import (no record): what Genesys says, with the division "" when the flow is in the home
   * division (as a program that names none gives it), the flow's whole description as
   * `adminDescription` (the plugin takes the marker from its end), and a stand-in for the YAML,
   * which Genesys does not give back. `dataActionId` stays unknown: the published version called
   * whatever action it resolved when it was published.
   */
  private async imported(id: string, flow: LiveFlow, live: ReturnType<typeof flowOutputs>): Promise<pulumi.dynamic.ReadResult> {
    const home = await this.divisionName({ division: HOME_DIVISION });
    const outs = dropUndefined({
      ...live,
      division: live.divisionName === home ? HOME_DIVISION : live.divisionName,
      yaml: importedYaml(live.name, live.publishedVersion),
      adminDescription: flow.description,
    });
    return { id, props: outs, inputs: dropUndefined(Object.fromEntries(RULES.fields.map((f) => [f, outs[f]]))) };
  }

  async update(_id: string, olds: WorkflowOutputs, news: WorkflowInputs): Promise<pulumi.dynamic.UpdateResult> {
    refuseStandIn(news);
    return { outs: (await this.publish(news, olds.adopted, olds.adminDescription ?? "")).outs };
  }

  async delete(id: string, props: WorkflowOutputs): Promise<void> {
    const api = this.genesys();
    try {
      await flows.remove(api, id);
      return;
    } catch (err) {
      if (!(err instanceof GenesysApiError) || err.status !== 409) throw err;
    }
    // 409: locked in Architect, or the target of a trigger.
    const flow = await flows.readOrGoneFlow(api, id);
    if (flow === undefined) return;
    const workflow = { id, name: flow.name ?? props.name };
    const lock = lockHolder(flow, api.clientId);
    if (lock && !lock.own) throw new Error(lockedRefusal(workflow, lock.text));
    // The stack's own trigger was deleted before its workflow; one still listed with our marker is
    // one whose delete Genesys has not settled yet.
    const foreign = (await triggers.targeting(api, id)).filter((trigger) => !hasMarker(trigger.description, props.managedBy));
    if (foreign.length > 0) throw new Error(foreignTriggersRefusal(workflow, foreign));
    if (lock) await flows.unlock(api, id);
    await flows.remove(api, id, true);
  }

  /** The configured division, or the org's home division (one read for all workflows; read again after a failure). */
  private divisionName(inputs: Pick<WorkflowInputs, "division">): Promise<string> {
    if (inputs.division) return Promise.resolve(inputs.division);
    const api = this.genesys();
    if (this.homeDivision?.api !== api) {
      const home = { api, name: homeDivisionName(api) };
      this.homeDivision = home;
      home.name.catch(() => {
        if (this.homeDivision === home) this.homeDivision = undefined;
      });
    }
    return this.homeDivision.name;
  }

  private registerJob(): Promise<RegisteredJob> {
    return flows.registerJob(this.genesys());
  }

  /**
   * Upload through a flow job (creates or overwrites, and publishes), then read the flow.
   * `registered`: a job already registered for this upload; `division`: its name, already being read.
   */
  private async publish(
    inputs: WorkflowInputs,
    adopted: boolean,
    adminDescription: string,
    registered?: RegisteredJob,
    division = this.divisionName(inputs),
  ): Promise<{ id: string; outs: WorkflowOutputs }> {
    const api = this.genesys();
    const yaml = prepareWorkflowYaml(inputs.yaml, inputs.name, await division, inputs.managedBy, adminDescription);
    const job = registered ?? (await this.registerJob());
    const uploadStarted = Date.now();
    await api.upload(`Upload workflow "${inputs.name}" for job ${job.id}`, job.presignedUrl, job.headers ?? {}, yaml);
    const done = await this.waitForJob(inputs.name, job.id, Date.now() - uploadStarted);
    const flowId = done.flow?.id;
    if (!flowId) throw new Error(`Workflow "${inputs.name}": flow job ${job.id} succeeded without naming the flow.`);
    try {
      const flow = await flows.read(api, flowId);
      return { id: flowId, outs: { ...inputs, ...flowOutputs(flow), jobId: job.id, adopted, ...(adminDescription ? { adminDescription } : {}) } };
    } catch (err) {
      throw new PartialCreateError(`Workflow "${inputs.name}" was published (id ${flowId}) but reading it failed: ${(err as Error).message}`, flowId, {
        ...inputs,
        jobId: job.id,
        adopted,
      });
    }
  }

  /** `uploadMs`: how long the upload took (the first round trip estimate). */
  private async waitForJob(name: string, jobId: string, uploadMs: number): Promise<Job> {
    const api = this.genesys();
    const started = Date.now();
    let status = "";
    let roundTripMs = uploadMs;
    for (;;) {
      const elapsed = Date.now() - started;
      if (elapsed >= api.limits.jobTimeoutMs) {
        throw new Error(
          `Workflow "${name}": flow job ${jobId} still "${status}" after ${Math.round(elapsed / 1000)} s ` +
            `(bound genesyscloud:jobTimeoutMs = ${api.limits.jobTimeoutMs}). Check the job in Architect, then run again.`,
        );
      }
      await sleep(Math.min(pollDelayMs(elapsed, roundTripMs, FIRST_POLL_MS), api.limits.jobTimeoutMs - elapsed));
      const sent = Date.now();
      const job: Job = await flows.readJob(api, jobId);
      roundTripMs = Date.now() - sent;
      if (job.status !== status) {
        status = job.status ?? "";
        process.stderr.write(`[genesyscloud] workflow "${name}": job ${jobId} ${status} after ${Math.round((Date.now() - started) / 1000)} s\n`);
      }
      if (status === "Success") return job;
      if (status === "Failure") {
        throw new Error(`Workflow "${name}": Archy job ${jobId} failed with these messages:\n${jobFailureText(job.messages)}`);
      }
    }
  }
}

function refuseStandIn(inputs: WorkflowInputs): void {
  const refusal = standInPublishRefusal(inputs.name, inputs.yaml);
  if (refusal) throw new Error(refusal);
}

/** The workflow of exactly this name (type WORKFLOW): the listing matches names loosely. */
export async function findWorkflow(api: GenesysApi, name: string): Promise<LiveFlow | undefined> {
  return (await flows.listWorkflowsNamed(api, name, true)).find((flow) => flows.isWorkflowNamed(flow, name));
}

/** The org's home division by its role (`GET /api/v2/authorization/divisions/home`): orgs rename it. */
export async function homeDivisionName(api: GenesysApi): Promise<string> {
  const home = await readHomeDivision(api);
  if (!home?.name) throw new Error(`GET /api/v2/authorization/divisions/home answered without a name; set ${DIVISION_CONFIG_KEY} to the division's name.`);
  return home.name;
}

function flowOutputs(flow: LiveFlow): Pick<WorkflowOutputs, "name" | "divisionName" | "flowType" | "published" | "publishedVersion"> & {
  locked: boolean;
} {
  return {
    name: flow.name ?? "",
    divisionName: flow.division?.name ?? "",
    flowType: flow.type ?? "",
    published: Boolean(flow.publishedVersion?.id),
    publishedVersion: flow.publishedVersion?.id ?? "",
    locked: Boolean(flow.lockedUser || flow.lockedClient),
  };
}
