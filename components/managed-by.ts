// The management marker a component's objects carry (domain/marker.ts stackMarker), with the
// stack's identity: without it two stacks of one project and stack name (two repos or backends on
// one org) would take each other's objects for their own.
import * as pulumi from "@pulumi/pulumi";
import { stackMarker } from "../domain/marker";
import { StackIdentity } from "../provider-plugin/resources";

/**
 * The management marker with the stack's identity: the one given, or that of a `StackIdentity`
 * the component makes as `<name>-identity` (registered before the objects that carry it).
 */
export function stackManagedBy(name: string, identity: pulumi.Input<string> | undefined, child: pulumi.CustomResourceOptions): pulumi.Output<string> {
  const id = identity ?? new StackIdentity(`${name}-identity`, child).identity;
  return pulumi.output(id).apply((value) => stackMarker(pulumi.getProject(), pulumi.getStack(), value));
}
