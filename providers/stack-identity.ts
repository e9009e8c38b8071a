// A stack's own identity: an id generated once, by `check` of the stack's first deployment, and
// kept in its state ever after (the engine hands `check` the stored inputs as `olds`). Carried in
// the management marker (domain/marker.ts stackMarker), it tells apart two stacks of the same
// project and stack name (two repos or backends on one org), which `project/stack` cannot. Made in
// `check`, not `create`, so that a preview already knows it. State only: no API call.
import { randomUUID } from "crypto";
import type { CheckResult, CreateResult, DiffResult, ReadResult, UpdateResult } from "@pulumi/pulumi/provider";

export interface StackIdentityOutputs {
  identity: string;
}

export class StackIdentityProvider {

  async check(olds: Record<string, unknown>, news: Record<string, unknown>): Promise<CheckResult> {
    const kept = [olds.identity, news.identity].find((value) => typeof value === "string" && value !== "");
    return { inputs: { ...news, identity: kept ?? randomUUID() } };
  }

  // Never changes: a new identity would disown every object the stack holds.
  async diff(): Promise<DiffResult> {
    return { changes: false };
  }

  async create(inputs: StackIdentityOutputs): Promise<CreateResult> {
    return { id: inputs.identity, outs: inputs };
  }

  /** Without recorded props (an import by the provider plugin, provider-plugin/): the id is the identity. */
  async read(id: string, props: Partial<StackIdentityOutputs>): Promise<ReadResult> {
    const kept = { ...props, identity: props.identity ?? id };
    return { id, props: kept, inputs: kept };
  }

  async update(_id: string, olds: StackIdentityOutputs, news: StackIdentityOutputs): Promise<UpdateResult> {
    return { outs: { ...news, identity: olds.identity } };
  }

  async delete(): Promise<void> {}
}
