// Nothing but what every Pulumi TypeScript program does: load @pulumi/pulumi. The stack
// resource Pulumi adds to every program is the only resource of an up.
import * as pulumi from "@pulumi/pulumi";

export const stack = pulumi.getStack();
