import type { Auth } from "../auth";
import type { Context } from "../context";
import type { Response, Router } from "../router";
import { OAUTH_ERRORS } from "../unverified";

const oauthError = (e: { status: number; error: string; description: string }): Response => ({
  status: e.status,
  body: { error: e.error, description: e.description, error_description: e.description },
});

/** Client-credentials login: Basic auth + form body, as the SDK's loginClientCredentialsGrant sends. */
export function registerOAuth(router: Router, ctx: Context, auth: Auth): void {
  router.add("POST", "/oauth/token", "oauth", (req) => {
    const basic = /^basic\s+(\S+)$/i.exec(req.headers.authorization ?? "");
    if (!basic) return oauthError(OAUTH_ERRORS.noAuth);
    const decoded = Buffer.from(basic[1], "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    const id = colon < 0 ? decoded : decoded.slice(0, colon);
    const secret = colon < 0 ? "" : decoded.slice(colon + 1);
    if (!auth.checkSecret(id, secret)) return oauthError(OAUTH_ERRORS.badClient);
    const form = new URLSearchParams(req.rawBody.toString("utf8"));
    if (form.get("grant_type") !== "client_credentials") return oauthError(OAUTH_ERRORS.badGrant);
    req.clientId = id;
    const ttl = ctx.settings.tokenTtlSeconds;
    return {
      status: 200,
      body: { access_token: auth.issue(id, ttl, Date.now()), token_type: "bearer", expires_in: ttl },
    };
  });
}
