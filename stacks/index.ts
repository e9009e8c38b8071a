// The stack program (Pulumi.yaml `main`): one stack per Genesys Cloud org.
import * as pulumi from "@pulumi/pulumi";
import { HandoverWebhooks } from "../components/handover-webhooks";
import { configErrorMessage, validateStackConfig } from "./config";

// Every config problem is reported at once, before any resource is registered; RunError
// prints the message without a stack trace.
const { errors, settings } = validateStackConfig(pulumi.runtime.allConfig(), process.env);
if (!settings) throw new pulumi.RunError(configErrorMessage(errors));

const handover = new HandoverWebhooks("handover", settings);

export const requestUrl = handover.requestUrl;
export const integration = handover.integration;
export const dataAction = handover.dataAction;
export const workflows = handover.workflows;
export const triggers = handover.triggers;
