import { badRequest } from "./errors";
import { isKnownTopic } from "./topics";
import type { Json } from "./validate";

/**
 * The property names of an amazon-eventbridge-source config, as Genesys's own EventBridge module
 * (GenesysCloudDevOps/aws-event-bridge-module main.tf) and the premium-app wizard
 * (MyPureCloud/purecloud-premium-app wizard/scripts/modules/event-bridge.js) write them. Genesys
 * validates a config against its integration type's schema, so any other name is refused; the
 * value rules below are the stricter guesses listed under "Unverified".
 */
export const EVENTBRIDGE_PROPERTIES = ["awsAccountId", "awsAccountRegion", "eventSourceSuffix", "eventFilter"] as const;

/** Validates the `properties` of an amazon-eventbridge-source config. */
export function checkEventBridgeProperties(p: Json): void {
  for (const key of Object.keys(p)) {
    if (!(EVENTBRIDGE_PROPERTIES as readonly string[]).includes(key)) {
      throw badRequest(
        `Property '${key}' is not in the configuration schema of integration type amazon-eventbridge-source; its properties are ${EVENTBRIDGE_PROPERTIES.join(", ")}`,
        key,
      );
    }
  }
  if (typeof p.awsAccountId !== "string" || !/^\d{12}$/.test(p.awsAccountId)) {
    throw badRequest(`'awsAccountId' must be a 12-digit AWS account id, got ${JSON.stringify(p.awsAccountId)}`, "awsAccountId");
  }
  // AWS's region form, sovereign and government partitions included (eusc-de-east-1, us-gov-west-1).
  if (typeof p.awsAccountRegion !== "string" || !/^[a-z]{2,4}(?:-[a-z]+){1,2}-\d{1,2}$/.test(p.awsAccountRegion)) {
    throw badRequest(`'awsAccountRegion' must be an AWS region such as eu-central-1, got ${JSON.stringify(p.awsAccountRegion)}`, "awsAccountRegion");
  }
  if (typeof p.eventSourceSuffix !== "string" || !/^[A-Za-z0-9._-]{1,64}$/.test(p.eventSourceSuffix)) {
    throw badRequest(
      `'eventSourceSuffix' must be 1-64 characters of A-Z a-z 0-9 . _ -, got ${JSON.stringify(p.eventSourceSuffix)}`,
      "eventSourceSuffix",
    );
  }
  const topics = p.eventFilter;
  if (!Array.isArray(topics) || topics.length === 0 || topics.some((t) => typeof t !== "string")) {
    throw badRequest("'eventFilter' must be a non-empty list of topic names", "eventFilter");
  }
  const unknown = topics.find((t) => !isKnownTopic(t as string));
  if (unknown !== undefined) throw badRequest(`'eventFilter' contains unknown topic '${unknown}'`, "eventFilter");
}
