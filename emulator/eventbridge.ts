import { badRequest } from "./errors";
import { isKnownTopic } from "./topics";
import { EVENTBRIDGE_PROPERTIES } from "./unverified";
import type { Json } from "./validate";

/** Validates the `properties` of an amazon-eventbridge-source config (names unverified). */
export function checkEventBridgeProperties(p: Json): void {
  for (const key of Object.keys(p)) {
    if (!(EVENTBRIDGE_PROPERTIES as readonly string[]).includes(key)) {
      throw badRequest(`Unknown property '${key}' for amazon-eventbridge-source; allowed: ${EVENTBRIDGE_PROPERTIES.join(", ")}`, key);
    }
  }
  if (typeof p.awsAccountId !== "string" || !/^\d{12}$/.test(p.awsAccountId)) {
    throw badRequest(`'awsAccountId' must be a 12-digit AWS account id, got ${JSON.stringify(p.awsAccountId)}`, "awsAccountId");
  }
  if (typeof p.awsRegion !== "string" || !/^[a-z]{2}(-gov)?-[a-z]+-\d$/.test(p.awsRegion)) {
    throw badRequest(`'awsRegion' must be an AWS region such as eu-central-1, got ${JSON.stringify(p.awsRegion)}`, "awsRegion");
  }
  if (typeof p.eventSourceSuffix !== "string" || !/^[A-Za-z0-9._-]{1,64}$/.test(p.eventSourceSuffix)) {
    throw badRequest(
      `'eventSourceSuffix' must be 1-64 characters of A-Z a-z 0-9 . _ -, got ${JSON.stringify(p.eventSourceSuffix)}`,
      "eventSourceSuffix",
    );
  }
  const topics = p.topicFilters;
  if (!Array.isArray(topics) || topics.length === 0 || topics.some((t) => typeof t !== "string")) {
    throw badRequest("'topicFilters' must be a non-empty list of topic names", "topicFilters");
  }
  const unknown = topics.find((t) => !isKnownTopic(t as string));
  if (unknown !== undefined) throw badRequest(`'topicFilters' contains unknown topic '${unknown}'`, "topicFilters");
}
