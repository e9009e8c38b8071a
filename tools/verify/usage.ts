/** Bad command line, missing stack file or unusable settings: exit code 2, the message, no stack trace. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export const USAGE = `Usage: npm run verify -- --stack <org> [--json] [--no-probe] [--identity <uuid>]
         [--endpoint-domain <domain> | --endpoint-url <url>] [--api-url <url> | --region <region>]

Checks the Cognigy handover-end detection objects in a live Genesys Cloud org against the
expected configuration: per cognigy:mode the webhook objects, the Amazon EventBridge Source
integration, or both. Non-secret settings come from Pulumi.<org>.yaml in the current
directory, the OAuth client from GENESYSCLOUD_OAUTHCLIENT_ID / GENESYSCLOUD_OAUTHCLIENT_SECRET.

  --stack <org>             the org's stack (reads Pulumi.<org>.yaml)
  --json                    print {"ok", "checks": [{"name", "ok", "expected", "actual", "hint"}]}
  --no-probe                skip the data action's test, which really calls Cognigy once (a
                            failing endpoint shows only there; --probe, the default, runs it)
  --endpoint-domain <d>     Cognigy SaaS domain instead of cognigy:endpointDomain/endpointUrl
  --endpoint-url <url>      self-hosted Cognigy base URL instead of the stack's endpoint
  --api-url <url>           Genesys API base URL instead of the stack's region (gateway, emulator)
  --region <region>         Genesys region (eu-central-1 or mypurecloud.de) instead of the stack's
  --identity <uuid>         the stack's identity (\`pulumi stack output stackIdentity --stack <org>\`):
                            only objects marked with it count as the stack's, not those of another
                            stack of the same name on the org; without it any identity counts, and
                            objects of two identities fail the "Stack <org>: identity" row

Exit code: 0 every check passed, 1 a check failed, 2 usage or connection error.`;
