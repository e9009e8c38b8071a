// Every Genesys resource is bound to the org it lives in: its state records `genesysOrgId`, and
// every create, read, update and delete first checks (providers/genesys/transport.ts,
// GenesysApi.organization) that the credentials reach that org and the pinned one. Wrong
// credentials (a mixed-up CI environment, another org's secret) then change nothing and drop
// nothing from state. `check` and `diff` stay pure: a plain `pulumi preview` calls no API.
import type { CheckResult, CreateResult, DiffResult, ReadResult, UpdateResult } from "@pulumi/pulumi/provider";
import { SETTINGS } from "./genesys/settings";
import { type Organization, WrongOrganizationError, describeOrganization } from "./genesys/transport";

/** The output naming the org a resource lives in (the EventBridge side names its partner source with it). */
export const ORG_OUTPUT = "genesysOrgId";

/** A kind's provider as the binding wraps it. */
export interface KindProvider {
  check(olds: any, news: any): Promise<CheckResult>;
  diff(id: string, olds: any, news: any): Promise<DiffResult>;
  create(inputs: any): Promise<CreateResult>;
  read(id: string, props: any): Promise<ReadResult>;
  update(id: string, olds: any, news: any): Promise<UpdateResult>;
  delete(id: string, props: any): Promise<void>;
  /** The org its credentials reach, checked against `recorded` and the pin. */
  organization(recorded?: string): Promise<Organization>;
  /** Whether the org is pinned (config or environment). */
  readonly pinned: boolean;
}

/** Pure: the org a resource's state records; "" (a create that failed before reading it) and none count as unrecorded. */
export function recordedOrg(props: unknown): string | undefined {
  const value = (props as Record<string, unknown> | undefined)?.[ORG_OUTPUT];
  return typeof value === "string" && value !== "" ? value : undefined;
}

/**
 * Pure: why a 404 for a resource whose state records no org (written before org binding) is not
 * taken as "gone": it may as well live in another org than the one these credentials reach.
 */
export function unconfirmedGoneMessage(kind: string, id: string, reached: Organization): string {
  const [pinKey, pinEnv] = SETTINGS.organizationId;
  return (
    `${kind} ${id} is not found in Genesys Cloud org ${describeOrganization(reached)}, and the stack's state does not record ` +
    "which org it was deployed to (it predates org binding), so it is not taken as gone: these may be another org's credentials. " +
    `If this is the stack's org and the object was deleted, say so by pinning the org for this run: \`${pinEnv}=${reached.id} pulumi <refresh|destroy>\` ` +
    `(and keep the pin: \`pulumi config set ${pinKey} ${reached.id}\`, then \`pulumi up\`); otherwise run with the credentials of the stack's org.`
  );
}

/** Adds the org binding to a kind's provider; everything else is the kind's. */
export class OrgBound implements KindProvider {
  constructor(
    private readonly inner: KindProvider,
    /** How messages name the kind, e.g. "Integration". */
    private readonly kind: string,
  ) {}

  get pinned(): boolean {
    return this.inner.pinned;
  }

  organization(recorded?: string): Promise<Organization> {
    return this.inner.organization(recorded);
  }

  check(olds: any, news: any): Promise<CheckResult> {
    return this.inner.check(olds, news);
  }

  diff(id: string, olds: any, news: any): Promise<DiffResult> {
    return this.inner.diff(id, olds, news);
  }

  async create(inputs: any): Promise<CreateResult> {
    const org = await this.inner.organization();
    try {
      const result = await this.inner.create(inputs);
      return { ...result, outs: { ...result.outs, [ORG_OUTPUT]: org.id } };
    } catch (err) {
      // A partly made object is recorded from the error's properties: with its org too.
      const partial = err as { id?: unknown; properties?: Record<string, unknown> };
      if (partial && typeof partial === "object" && partial.id && partial.properties) {
        Object.assign(partial, { properties: { ...partial.properties, [ORG_OUTPUT]: org.id } });
      }
      throw err;
    }
  }

  async read(id: string, props: any): Promise<ReadResult> {
    const org = await this.inner.organization(recordedOrg(props));
    const result = await this.inner.read(id, props);
    if (!result.props) {
      this.confirmGone(id, props, org);
      return result;
    }
    // Found by its id, which Genesys makes unique: the object lives in this org (an older record takes it here).
    return { ...result, props: { ...result.props, [ORG_OUTPUT]: org.id } };
  }

  async update(id: string, olds: any, news: any): Promise<UpdateResult> {
    const org = await this.inner.organization(recordedOrg(olds));
    const result = await this.inner.update(id, olds, news);
    return { ...result, outs: { ...result.outs, [ORG_OUTPUT]: org.id } };
  }

  async delete(id: string, props: any): Promise<void> {
    const org = await this.inner.organization(recordedOrg(props));
    // A delete answered 404 counts as done: for a record that names no org, first make sure the
    // object is here (or the org is confirmed), or another org's credentials would empty the state.
    if (recordedOrg(props) === undefined && !this.inner.pinned) {
      const found = await this.inner.read(id, props);
      if (!found.props) this.confirmGone(id, props, org);
    }
    await this.inner.delete(id, props);
  }

  /** A gone object counts as gone only on the stack's own org: recorded in state, or pinned. */
  private confirmGone(id: string, props: unknown, org: Organization): void {
    if (recordedOrg(props) === undefined && !this.inner.pinned) {
      throw new WrongOrganizationError(unconfirmedGoneMessage(this.kind, id, org));
    }
  }
}
