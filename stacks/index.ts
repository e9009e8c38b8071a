// The stack program (Pulumi.yaml `main`): one stack per Genesys Cloud org.
import * as pulumi from "@pulumi/pulumi";
import { gateDeployment, newWebhookObjectRefusal } from "../domain/cognigy-version";
import { HANDOVER_WEBHOOKS_TYPE, HandoverWebhooks } from "../components/handover-webhooks";
import { usesWebhooks } from "../domain/modes";
import { configErrorMessage, validateStackConfig } from "./config";
import { HandoverEventBridge } from "../components/handover-eventbridge";
import { EVENTBRIDGE_CONFIG_KEYS } from "../domain/eventbridge-settings";
import { stackFilePlainSecrets } from "./plain-secrets";
import { Provider, StackIdentity } from "../provider-plugin/resources";
import { dynamicStateProblem } from "./dynamic-state-guard";

// Every config problem is reported at once, before any resource is registered; RunError
// prints the message without a stack trace.
const { errors, settings, plan } = validateStackConfig(pulumi.runtime.allConfig(), process.env);
const plainSecrets = stackFilePlainSecrets(pulumi.getStack());
if (!settings || !plan || plainSecrets.length > 0) throw new pulumi.RunError(configErrorMessage([...plainSecrets, ...errors]));

// `pulumi destroy` does not run the program, so a refusal never blocks removing objects.
const gate = gateDeployment({ version: plan.version, mode: plan.mode, adopt: settings.adoptExisting });
if (!gate.allowed) throw new pulumi.RunError(gate.message);
for (const warning of gate.warnings) pulumi.log.warn(warning);

// The stack's one Genesys org: every Genesys object of the stack is made through this provider
// (the components' children inherit it), configured from the stack's genesyscloud:* config. A
// stack deployed before the provider plugin is refused until `npm run migrate` has moved it.
const provider = new Provider("genesys", { ...plan.genesys, refusal: dynamicStateProblem() });

// The stack's one identity, in the marker of both sides and kept through every mode switch. Stacks
// deployed before the EventBridge side carried it have it as a child of HandoverWebhooks
// ("handover"): the alias keeps that record, and with it the identity their objects carry.
const identity = new StackIdentity("handover-identity", {
  provider,
  aliases: [{ parent: pulumi.createUrn("handover", HANDOVER_WEBHOOKS_TYPE) }],
});

// A mode that leaves a side out makes the next `pulumi up` delete that side's objects.
// On a deprecated release the providers refuse each webhook object that would be new.
// The webhook modes require an endpoint (validateStackConfig), so the request URL is there.
const handover = usesWebhooks(plan.mode)
  ? new HandoverWebhooks(
      "handover",
      { ...settings, requestUrl: settings.requestUrl!, createRefusal: newWebhookObjectRefusal(plan.version), identity: identity.identity },
      { provider },
    )
  : undefined;
// The gate refuses the EventBridge modes without a version. The API key is read from the config,
// not the plan: only the config keeps it secret.
const [apiKeyNamespace, apiKeyName] = EVENTBRIDGE_CONFIG_KEYS.apiKey.split(":");
const eventBridge =
  plan.eventBridge && plan.version
    ? new HandoverEventBridge("eventbridge", {
        ...plan.eventBridge,
        cognigyVersion: plan.version.text,
        adoptExisting: settings.adoptExisting,
        identity: identity.identity,
        apiKey: plan.eventBridge.selfHosted ? new pulumi.Config(apiKeyNamespace).requireSecret(apiKeyName) : undefined,
      }, { provider })
    : undefined;

/** What `npm run verify -- --identity` takes to tell this stack's objects from a same-named stack's. */
export const stackIdentity = identity.identity;
export const requestUrl = handover?.requestUrl;
export const integration = handover?.integration;
export const dataAction = handover?.dataAction;
export const workflows = handover?.workflows;
export const triggers = handover?.triggers;
export const eventBridgeIntegration = eventBridge?.integration;
export const eventSourceName = eventBridge?.eventSourceName;
export const eventBridgeAws = eventBridge?.aws;
