/**
 * The bad-input catalogue (issue 6): one bad value per row, each with the key its error must name
 * and the fix it must give. Shared by the pure validation tests and the program's mock tests.
 */
export const SECRET = "very-secret-client-secret-value";
export const valid: Record<string, string> = {
  "cognigy:endpointDomain": "app.cognigy.ai",
  "genesyscloud:oauthClientId": "client-id-1",
  "genesyscloud:oauthClientSecret": SECRET,
  "genesyscloud:region": "eu-central-1",
};

/** `valid` with some keys replaced; `undefined` removes a key. */
export function withConfig(changes: Record<string, string | undefined>): Record<string, string> {
  const config: Record<string, string | undefined> = { ...valid, ...changes };
  return Object.fromEntries(Object.entries(config).filter(([, v]) => v !== undefined)) as Record<string, string>;
}

export const long = (n: number) => "x".repeat(n);

/** [case, config changes (undefined removes a key), key the message must name, the fix it must give] */
export const catalogue: [string, Record<string, string | undefined>, string, RegExp][] = [
  ["domain with a scheme", { "cognigy:endpointDomain": "https://app.cognigy.ai" }, "cognigy:endpointDomain", /set only the domain .*or use cognigy:endpointUrl/],
  ["domain with a path", { "cognigy:endpointDomain": "app.cognigy.ai/handover/genesysCloudOM" }, "cognigy:endpointDomain", /set only the domain/],
  ["domain with a port", { "cognigy:endpointDomain": "app.cognigy.ai:443" }, "cognigy:endpointDomain", /use cognigy:endpointUrl/],
  ["domain with a space", { "cognigy:endpointDomain": "app .cognigy.ai" }, "cognigy:endpointDomain", /whitespace; set the bare domain/],
  ["domain with a trailing newline", { "cognigy:endpointDomain": "app.cognigy.ai\n" }, "cognigy:endpointDomain", /whitespace/],
  ["domain with a trailing dot", { "cognigy:endpointDomain": "app.cognigy.ai." }, "cognigy:endpointDomain", /remove the trailing dot/],
  ["domain endpoint-endpoint-", { "cognigy:endpointDomain": "endpoint-endpoint-app.cognigy.ai" }, "cognigy:endpointDomain", /write it once/],
  ["IDN domain in unicode", { "cognigy:endpointDomain": "cögnigy.example" }, "cognigy:endpointDomain", /punycode \(xn--\) form/],
  ["empty domain", { "cognigy:endpointDomain": "" }, "cognigy:endpointDomain", /set the Cognigy environment domain/],
  ["domain with an underscore", { "cognigy:endpointDomain": "app_x.cognigy.ai" }, "cognigy:endpointDomain", /letters, digits and hyphens/],
  ["single-label domain", { "cognigy:endpointDomain": "cognigy" }, "cognigy:endpointDomain", /letters, digits and hyphens in dot-separated labels/],
  ["url: http to a non-loopback host", { "cognigy:endpointDomain": undefined, "cognigy:endpointUrl": "http://cognigy.example.com" }, "cognigy:endpointUrl", /use https/],
  ["url without a scheme", { "cognigy:endpointDomain": undefined, "cognigy:endpointUrl": "cognigy.example.com" }, "cognigy:endpointUrl", /write it with its scheme/],
  ["url with another scheme", { "cognigy:endpointDomain": undefined, "cognigy:endpointUrl": "ftp://cognigy.example.com" }, "cognigy:endpointUrl", /use https/],
  ["url with a query", { "cognigy:endpointDomain": undefined, "cognigy:endpointUrl": "https://cognigy.example.com/?x=1" }, "cognigy:endpointUrl", /give only the base URL/],
  ["url with a unicode host", { "cognigy:endpointDomain": undefined, "cognigy:endpointUrl": "https://cögnigy.example" }, "cognigy:endpointUrl", /punycode/],
  ["url with a space", { "cognigy:endpointDomain": undefined, "cognigy:endpointUrl": "https://cognigy.example.com /x" }, "cognigy:endpointUrl", /remove it/],
  ["url with credentials", { "cognigy:endpointDomain": undefined, "cognigy:endpointUrl": "https://u:p@cognigy.example.com" }, "cognigy:endpointUrl", /remove them/],
  ["url with a Velocity $ in the path", { "cognigy:endpointDomain": undefined, "cognigy:endpointUrl": "https://cognigy.example.com/$x" }, "cognigy:endpointUrl", /Velocity/],
  ["both domain and url", { "cognigy:endpointUrl": "https://cognigy.example.com" }, "cognigy:endpointUrl", /keep exactly one .*pulumi config rm/],
  ["neither domain nor url", { "cognigy:endpointDomain": undefined }, "cognigy:endpointDomain", /pulumi config set cognigy:endpointDomain app\.cognigy\.ai/],
  ["empty integration name", { "cognigy:integrationName": "" }, "cognigy:integrationName", /is empty; give a name/],
  ["blank data action name", { "cognigy:dataActionName": "   " }, "cognigy:dataActionName", /is empty; give a name/],
  ["257-character data action name", { "cognigy:dataActionName": long(257) }, "cognigy:dataActionName", /257 characters long; shorten it to at most 256/],
  ["workflow name with a substitution key", { "cognigy:workflowNameAcw": "Workflow {{env}} acw" }, "cognigy:workflowNameAcw", /contains "\{\{env\}\}".*substitution key/],
  ["trigger name with a tab", { "cognigy:triggerNameUserEnd": "Trigger\tuser.end" }, "cognigy:triggerNameUserEnd", /control character.*remove it/],
  ["workflow name with a newline", { "cognigy:workflowNameUserEnd": "Workflow\nuser.end" }, "cognigy:workflowNameUserEnd", /line break; a name must be a single line/],
  ["trigger name with a carriage return", { "cognigy:triggerNameAcw": "Trigger\racw" }, "cognigy:triggerNameAcw", /line break; a name must be a single line/],
  ["integration name with a leading space", { "cognigy:integrationName": " Cognigy integration" }, "cognigy:integrationName", /trim it/],
  ["name with a trailing space", { "cognigy:dataActionName": "Send Event to Cognigy " }, "cognigy:dataActionName", /trim it/],
  ["division with a substitution key", { "cognigy:division": "{{division}}" }, "cognigy:division", /substitution key/],
  ["blank division", { "cognigy:division": "   " }, "cognigy:division", /give a name/],
  ["unknown region", { "genesyscloud:region": "eu-middle-9" }, "genesyscloud:region", /Use an AWS-style name .*eu-central-1/],
  ["missing client id", { "genesyscloud:oauthClientId": undefined }, "genesyscloud:oauthClientId", /GENESYSCLOUD_OAUTHCLIENT_ID.*pulumi config set/],
  ["empty client id", { "genesyscloud:oauthClientId": "" }, "genesyscloud:oauthClientId", /pulumi config set/],
  ["missing client secret", { "genesyscloud:oauthClientSecret": undefined }, "genesyscloud:oauthClientSecret", /GENESYSCLOUD_OAUTHCLIENT_SECRET.*--secret/],
  ["empty client secret", { "genesyscloud:oauthClientSecret": "" }, "genesyscloud:oauthClientSecret", /--secret/],
  ["neither region nor api url", { "genesyscloud:region": undefined }, "genesyscloud:region", /genesyscloud:apiUrl|pulumi config set/],
  ["api url that is not a URL", { "genesyscloud:apiUrl": "not a url" }, "genesyscloud:apiUrl", /expected e\.g\. http/],
  ["org pin that is not an org id", { "genesyscloud:organizationId": "my-org" }, "genesyscloud:organizationId", /not a Genesys organisation id \(a UUID\).*Admin > Organization Settings/],
  ["513-character trigger description", { "cognigy:triggerDescription": long(513) }, "cognigy:triggerDescription", /at most 512: shorten it/],
  ["unknown event", { "cognigy:events": '["acw","user.start"]' }, "cognigy:events", /unknown event "user\.start"; use "acw", "user\.end"/],
  ["empty event list", { "cognigy:events": "[]" }, "cognigy:events", /select at least one of "acw", "user\.end"/],
  ["event list not a list", { "cognigy:events": "acw,user.end" }, "cognigy:events", /set it as a list/],
  ["event listed twice", { "cognigy:events": '["acw","acw"]' }, "cognigy:events", /list each once/],
  ["adoptExisting not a boolean", { "cognigy:adoptExisting": "yes" }, "cognigy:adoptExisting", /set it to true or false/],
  ["triggersEnabled not a boolean", { "cognigy:triggersEnabled": "1" }, "cognigy:triggersEnabled", /set it to true or false/],
  ["mistyped cognigy key", { "cognigy:endpointDomian": "app.cognigy.ai" }, "cognigy:endpointDomian", /did you mean cognigy:endpointDomain\? remove it with `pulumi config rm cognigy:endpointDomian`/],
  ["mistyped genesyscloud key", { "genesyscloud:oauthClientSecert": SECRET }, "genesyscloud:oauthClientSecert", /did you mean genesyscloud:oauthClientSecret\?/],
];
