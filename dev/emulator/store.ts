import { randomUUID } from "node:crypto";
import { readFileSync, renameSync, writeFileSync } from "node:fs";

// The one store of emulated Genesys objects. Records are plain JSON so the state dump and
// the state file are the records themselves.

export interface IntegrationRecord {
  id: string;
  typeId: string;
  name: string;
  notes: string;
  intendedState: "ENABLED" | "DISABLED";
  /** When `intendedState` last changed (epoch ms): Genesys reports the outcome some time later. */
  stateChangedAt?: number;
  /** When that change reports its outcome, by the activation time of its PATCH (epoch ms). */
  settlesAt?: number;
  /** Set when an activation is to end in ERROR: the detail Genesys reports. */
  activationError?: string;
  configVersion: number;
  properties: Record<string, unknown>;
  advanced: Record<string, unknown>;
  credentials: Record<string, unknown>;
  createdAt: number;
}

export interface JsonSchema {
  type?: string;
  properties?: Record<string, unknown>;
  required?: string[];
  [key: string]: unknown;
}

export interface ActionConfig {
  timeoutSeconds?: number;
  request: {
    requestUrlTemplate: string;
    requestType: string;
    requestTemplate?: string;
    headers?: Record<string, string>;
  };
  response?: {
    translationMap?: Record<string, string>;
    translationMapDefaults?: Record<string, string>;
    successTemplate?: string;
  };
}

export interface ActionRecord {
  id: string;
  name: string;
  category: string;
  integrationId: string;
  secure: boolean;
  version: number;
  contract: { input: { inputSchema: JsonSchema }; output: { successSchema: JsonSchema } };
  config: ActionConfig;
  createdAt: number;
}

export interface FlowVariable {
  name: string;
  type: string;
  isInput: boolean;
  isOutput: boolean;
}

/** A Call Data Action's data action as the flow job resolved it, by id, when it published the version. */
export interface DataActionBinding {
  category: string;
  name: string;
  actionId: string;
}

export interface FlowVersionRecord {
  id: string;
  yaml: string;
  variables: FlowVariable[];
  datePublished: string;
  /** Absent in state files written before bindings were recorded. */
  dataActions?: DataActionBinding[];
}

export interface FlowRecord {
  id: string;
  name: string;
  type: "WORKFLOW";
  description: string;
  division: string;
  /** The published YAML and input variable names, for tests asserting on the dump. */
  yaml: string;
  inputVariables: string[];
  versions: FlowVersionRecord[];
  lockedBy?: FlowLock;
  createdAt: number;
}

/** Who holds Architect's lock on a flow: a person (their user) or an OAuth client. */
export type FlowLock = { user: { id: string; name: string } } | { clientId: string };

export interface JobMessage {
  dateTime: string;
  /** ArchitectJobMessage.type: "Error" or "Warning" (allowed values in Genesys's Python SDK). */
  type: "Error" | "Warning";
  text: string;
  details: { errorCode?: string; errorMessage?: string; type?: string }[];
}

export interface JobRecord {
  id: string;
  uploadHeaders: Record<string, string>;
  status: "Registered" | "Started" | "Success" | "Failure";
  createdAt: number;
  uploadedAt?: number;
  /** The Content-Type the upload carried, if any: the presigned URL signs none (tests assert on it). */
  uploadContentType?: string;
  finishedAt?: number;
  yaml?: string;
  flowId?: string;
  messages: JobMessage[];
  /** The OAuth client that registered the job: the job publishes with its permissions. */
  clientId?: string;
}

export interface MatchCriterion {
  jsonPath: string;
  operator: string;
  value?: unknown;
  values?: unknown[];
}

export interface TriggerRecord {
  id: string;
  name: string;
  topicName: string;
  target: { type: string; id: string; workflowTargetSettings: { dataFormat: string } };
  version: number;
  enabled: boolean;
  matchCriteria: MatchCriterion[];
  eventTTLSeconds?: number;
  delayBySeconds?: number;
  description?: string;
  createdAt: number;
}

export interface OrgRecord {
  id: string;
  name: string;
  /** The org's one division; Genesys orgs may rename it (default "Home"). */
  homeDivision: { id: string; name: string };
}

/** What a new org calls its home division. */
export const DEFAULT_HOME_DIVISION = "Home";

export interface StateDump {
  org: OrgRecord;
  integrations: IntegrationRecord[];
  actions: ActionRecord[];
  flows: FlowRecord[];
  jobs: JobRecord[];
  triggers: TriggerRecord[];
}

export class Store {
  org: OrgRecord = { id: randomUUID(), name: "Emulated Org", homeDivision: { id: randomUUID(), name: DEFAULT_HOME_DIVISION } };
  integrations = new Map<string, IntegrationRecord>();
  actions = new Map<string, ActionRecord>();
  flows = new Map<string, FlowRecord>();
  jobs = new Map<string, JobRecord>();
  triggers = new Map<string, TriggerRecord>();

  /** Keeps the org identity: a reset empties the org, it does not make a new one. */
  clear(): void {
    for (const map of [this.integrations, this.actions, this.flows, this.jobs, this.triggers]) map.clear();
  }

  dump(): StateDump {
    return structuredClone({
      org: this.org,
      integrations: [...this.integrations.values()],
      actions: [...this.actions.values()],
      flows: [...this.flows.values()],
      jobs: [...this.jobs.values()],
      triggers: [...this.triggers.values()],
    });
  }

  load(dump: StateDump): void {
    this.clear();
    // State files written before divisions were emulated have no home division.
    this.org = { ...dump.org, homeDivision: dump.org.homeDivision ?? { id: randomUUID(), name: DEFAULT_HOME_DIVISION } };
    const fill = <T extends { id: string }>(map: Map<string, T>, list: T[]) => list.forEach((r) => map.set(r.id, r));
    fill(this.integrations, dump.integrations);
    fill(this.actions, dump.actions);
    fill(this.flows, dump.flows);
    fill(this.jobs, dump.jobs);
    fill(this.triggers, dump.triggers);
  }

  loadFile(path: string): void {
    let text: string;
    try {
      text = readFileSync(path, "utf8");
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return; // first run: nothing saved yet
      throw e;
    }
    const dump = JSON.parse(text) as StateDump;
    for (const key of ["org", "integrations", "actions", "flows", "jobs", "triggers"] as const) {
      if (!dump[key]) throw new Error(`State file ${path} is missing '${key}': not an emulator state file`);
    }
    this.load(dump);
  }

  /** Temp file + rename: a crash mid-write never leaves a truncated state file. */
  saveFile(path: string): void {
    const temp = `${path}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(this.dump(), null, 2));
    renameSync(temp, path);
  }
}
