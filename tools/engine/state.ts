import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import { isSecret, Props, secretSig, secretSigKey } from "./property-values";

/** One resource in the stack state, like an entry of a Pulumi checkpoint. */
export interface StateEntry {
  urn: string;
  type: string;
  custom: boolean;
  /** Custom resources only; the provider's id. */
  id?: string;
  parent?: string;
  /** URNs this resource depends on (property and explicit dependencies). */
  dependencies: string[];
  /** Checked inputs; secret values wrapped as Pulumi wraps them on the wire. */
  inputs: Props;
  outputs: Props;
  protect?: boolean;
  retainOnDelete?: boolean;
  /** Set when a create or update failed after the object was made (the provider threw with an `id`). */
  initErrors?: string[];
}

export interface StackState {
  /** In dependency order: every resource after what it depends on. */
  resources: StateEntry[];
  outputs: Props;
}

interface StateFile extends StackState {
  version: 1;
  /** Salt of the key that encrypts secret values (scrypt of the secrets passphrase). */
  secretsSalt?: string;
}

export function emptyState(): StackState {
  return { resources: [], outputs: {} };
}

function deepMap(value: unknown, leaf: (v: Props) => unknown | undefined): unknown {
  if (Array.isArray(value)) return value.map((v) => deepMap(v, leaf));
  if (typeof value === "object" && value !== null) {
    const replaced = leaf(value as Props);
    if (replaced !== undefined) return replaced;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, deepMap(v, leaf)]));
  }
  return value;
}

function secretsKey(passphrase: string, salt: Buffer): Buffer {
  return crypto.scryptSync(passphrase, salt, 32);
}

/**
 * Writes the state as JSON. Secret values are stored encrypted (AES-256-GCM, key from the
 * passphrase), as Pulumi's passphrase secrets provider does, never in plain text.
 */
export function saveState(file: string, state: StackState, passphrase?: string): void {
  const salt = crypto.randomBytes(16);
  let key: Buffer | undefined;
  const encrypt = (v: Props) => {
    if (!isSecret(v)) return undefined;
    if (passphrase === undefined) {
      throw new Error(
        `LocalEngine: the state holds secret values; pass secretsPassphrase to store them encrypted in ${file}`,
      );
    }
    key ??= secretsKey(passphrase, salt);
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv("aes-256-gcm", key, iv);
    const data = Buffer.concat([cipher.update(JSON.stringify(v.value), "utf8"), cipher.final()]);
    return { [secretSigKey]: secretSig, ciphertext: Buffer.concat([iv, cipher.getAuthTag(), data]).toString("base64") };
  };
  const body = deepMap(state, encrypt) as StackState;
  const out: StateFile = { version: 1, ...body, ...(key ? { secretsSalt: salt.toString("base64") } : {}) };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(out, null, 2));
  fs.renameSync(tmp, file);
}

/** Reads a state written by `saveState`; a missing file is an empty stack. */
export function loadState(file: string, passphrase?: string): StackState {
  if (!fs.existsSync(file)) return emptyState();
  const raw = JSON.parse(fs.readFileSync(file, "utf8")) as StateFile;
  if (raw.version !== 1) throw new Error(`LocalEngine: ${file} is not a state file of this engine (version ${raw.version})`);
  let key: Buffer | undefined;
  const decrypt = (v: Props) => {
    if (v[secretSigKey] !== secretSig || typeof v.ciphertext !== "string") return undefined;
    if (passphrase === undefined || raw.secretsSalt === undefined) {
      throw new Error(`LocalEngine: ${file} holds encrypted secrets; pass the secretsPassphrase it was written with`);
    }
    key ??= secretsKey(passphrase, Buffer.from(raw.secretsSalt, "base64"));
    const bytes = Buffer.from(v.ciphertext, "base64");
    const decipher = crypto.createDecipheriv("aes-256-gcm", key, bytes.subarray(0, 12));
    decipher.setAuthTag(bytes.subarray(12, 28));
    try {
      const text = Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString("utf8");
      return { [secretSigKey]: secretSig, value: JSON.parse(text) };
    } catch {
      throw new Error(`LocalEngine: cannot decrypt the secrets in ${file}; wrong secretsPassphrase`);
    }
  };
  const body = deepMap({ resources: raw.resources, outputs: raw.outputs }, decrypt) as StackState;
  return body;
}
