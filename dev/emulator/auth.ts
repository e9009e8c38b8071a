import { randomBytes } from "node:crypto";
import { unauthorized } from "./errors";

interface Token {
  clientId: string;
  expiresAt: number;
}

interface Client {
  secret: string;
  /** The permissions of the client's roles; undefined: every permission (an admin client). */
  permissions?: string[];
}

/** OAuth clients and the bearer tokens issued to them. Secrets never leave this object. */
export class Auth {
  private readonly clients = new Map<string, Client>();
  private readonly tokens = new Map<string, Token>();

  addClient(id: string, secret: string, permissions?: readonly string[]): void {
    if (!id || !secret) throw new Error("An OAuth client needs a non-empty id and secret");
    this.clients.set(id, { secret, permissions: checkPermissions(permissions) });
  }

  /** Changes a client's roles; tokens already issued see the change at once. */
  setPermissions(id: string, permissions: readonly string[] | undefined): void {
    const client = this.clients.get(id);
    if (!client) throw new Error(`Unknown OAuth client '${id}'; known: ${this.clientIds().join(", ")}`);
    client.permissions = checkPermissions(permissions);
  }

  permissionsOf(id: string): readonly string[] | undefined {
    return this.clients.get(id)?.permissions;
  }

  clientIds(): string[] {
    return [...this.clients.keys()];
  }

  /** Every token issued so far expires now (as when a run outlasts its token's life). */
  expireAll(): void {
    for (const token of this.tokens.values()) token.expiresAt = 0;
  }

  /** The client is deleted (Admin > OAuth): its logins are refused and its tokens stop working. */
  revokeClient(id: string): void {
    if (!this.clients.delete(id)) throw new Error(`Unknown OAuth client '${id}'; known: ${this.clientIds().join(", ")}`);
    for (const [token, issued] of this.tokens) if (issued.clientId === id) this.tokens.delete(token);
  }

  checkSecret(id: string, secret: string): boolean {
    return this.clients.get(id)?.secret === secret;
  }

  issue(clientId: string, ttlSeconds: number, now: number): string {
    const token = randomBytes(24).toString("base64url");
    this.tokens.set(token, { clientId, expiresAt: now + ttlSeconds * 1000 });
    return token;
  }

  /** Returns the client id of a valid bearer token, or throws the 401 Genesys answers. */
  verify(authorization: string | undefined, now: number): { clientId: string; token: string } {
    const match = /^bearer\s+(\S+)$/i.exec(authorization ?? "");
    if (!match) throw unauthorized("No authentication bearer token specified in authorization header.");
    const found = this.tokens.get(match[1]);
    if (!found) throw unauthorized("Invalid login credentials.");
    if (found.expiresAt <= now) {
      this.tokens.delete(match[1]);
      throw unauthorized("Invalid login credentials. The access token has expired.");
    }
    return { clientId: found.clientId, token: match[1] };
  }
}

/** Permissions are `domain:entity:action`, each part a name or `*`. */
function checkPermissions(permissions: readonly string[] | undefined): string[] | undefined {
  if (permissions === undefined) return undefined;
  if (!Array.isArray(permissions)) throw new Error("permissions must be a list of domain:entity:action strings");
  const bad = permissions.find((p) => typeof p !== "string" || !/^[A-Za-z*]+:[A-Za-z*]+:[A-Za-z*]+$/.test(p));
  if (bad !== undefined) throw new Error(`permission ${JSON.stringify(bad)} is not of the form domain:entity:action (e.g. integrations:integration:add)`);
  return [...permissions];
}
