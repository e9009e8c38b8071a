import { isUnknown } from "@pulumi/pulumi";

/** A resource's property bag. */
export type Props = Record<string, unknown>;

/** Pulumi's wire marker for a secret value (`runtime/rpc` `specialSigKey` → `specialSecretSig`). */
export const secretSigKey = "4dabf18193072939515e22adb298388d";
export const secretSig = "1b47061264138c4ac30d75fd1eb44270";
/** Pulumi's wire form of a value not known yet (preview). */
export const unknownSentinel = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
/** The key under which a dynamic resource carries its serialized provider. */
export const providerKey = "__provider";

export interface SecretValue {
  [secretSigKey]: typeof secretSig;
  value: unknown;
}

export function wrapSecret(value: unknown): SecretValue {
  return { [secretSigKey]: secretSig, value };
}

export function isSecret(value: unknown): value is SecretValue {
  return typeof value === "object" && value !== null && (value as Props)[secretSigKey] === secretSig;
}

function plainValue(value: unknown): { value: unknown; secret: boolean } {
  if (isUnknown(value)) return { value: unknownSentinel, secret: false };
  if (isSecret(value)) return { value: plainValue(value.value).value, secret: true };
  if (Array.isArray(value)) {
    const items = value.map(plainValue);
    return { value: items.map((i) => i.value), secret: items.some((i) => i.secret) };
  }
  if (typeof value === "object" && value !== null) {
    const out: Props = {};
    let secret = false;
    for (const [k, v] of Object.entries(value)) {
      const p = plainValue(v);
      out[k] = p.value;
      secret = secret || p.secret;
    }
    return { value: out, secret };
  }
  return { value, secret: false };
}

/**
 * Props as the dynamic-provider host takes them: secrets unwrapped (it declares
 * `acceptSecrets: false`, so the engine strips them, as Pulumi's engine does), unknowns as the
 * sentinel string. `secretKeys` are the top-level keys that held a secret anywhere inside.
 */
export function toWire(props: Props): { props: Props; secretKeys: string[] } {
  const out: Props = {};
  const secretKeys: string[] = [];
  for (const [k, v] of Object.entries(props)) {
    const p = plainValue(v);
    out[k] = p.value;
    if (p.secret) secretKeys.push(k);
  }
  return { props: out, secretKeys };
}

/** Marks the given top-level keys secret (outputs named like a secret input stay secret). */
export function markSecrets(props: Props, keys: readonly string[]): Props {
  const out: Props = { ...props };
  for (const k of keys) {
    if (k in out && !isSecret(out[k])) out[k] = wrapSecret(out[k]);
  }
  return out;
}

/** True when the value contains the unknown sentinel anywhere. */
export function containsUnknown(value: unknown): boolean {
  if (value === unknownSentinel) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (typeof value === "object" && value !== null) return Object.values(value).some(containsUnknown);
  return false;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  if (typeof a === "object" && typeof b === "object" && a !== null && b !== null && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((k) => sameValue((a as Props)[k], (b as Props)[k]));
  }
  return false;
}

/**
 * Top-level keys whose values differ, ignoring `ignore`: the engine's own comparison of old and
 * new inputs when a provider has no `diff` (DIFF_UNKNOWN). `__provider` counts, as in Pulumi
 * (pulumi/pulumi#12401).
 */
export function changedKeys(olds: Props, news: Props, ignore: readonly string[] = []): string[] {
  const keys = new Set([...Object.keys(olds), ...Object.keys(news)]);
  return [...keys].filter((k) => !ignore.includes(k) && !sameValue(olds[k], news[k]));
}
