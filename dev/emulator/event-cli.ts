import { readFileSync } from "node:fs";
import { formatEventRecord } from "./event-report";
import type { EventRecord } from "./events";
import { SAMPLE_CHANNELS, SAMPLE_KINDS, type SampleChannel, type SampleKind, sampleEvent, sampleTopic } from "./sample-events";

// npm run emulator:event -- --url <emulator url> --topic <acw|user.end|customer.end|full topic>
//   [--channel open-messaging|voice] [--event '<json>' | --event @<file.json>] [--json]
// Publishes one event on a running emulator and prints its execution log.

const USAGE =
  "usage: npm run emulator:event -- --url <emulator url> --topic <acw|user.end|customer.end|v2.detail.events.conversation.{id}.…> " +
  "[--channel open-messaging|voice] [--event '<json>' | --event @<file.json>] [--json]";

export class UsageError extends Error {}

export interface EventArgs {
  url: string;
  topic: string;
  event: Record<string, unknown>;
  json: boolean;
}

/** Pure apart from reading an `--event @file`: argv → what to publish, or a UsageError naming the bad flag. */
export function parseEventArgs(argv: string[], readFile: (path: string) => string = (p) => readFileSync(p, "utf8")): EventArgs {
  const values = new Map<string, string>();
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === "--json") {
      json = true;
      continue;
    }
    if (!["--url", "--topic", "--channel", "--event"].includes(flag)) throw new UsageError(`unknown flag '${flag}'`);
    if (values.has(flag)) throw new UsageError(`flag '${flag}' given twice`);
    const value = argv[++i];
    if (value === undefined || value.startsWith("--")) throw new UsageError(`flag '${flag}' needs a value`);
    values.set(flag, value);
  }
  const url = values.get("--url");
  if (!url) throw new UsageError("missing required flag '--url' (the emulator's URL, printed when it starts)");
  if (!/^http:\/\/127\.0\.0\.1:\d+\/?$/.test(url)) throw new UsageError(`'--url ${url}' must be the emulator's loopback URL, http://127.0.0.1:<port>`);
  const topicFlag = values.get("--topic");
  if (!topicFlag) throw new UsageError(`missing required flag '--topic' (${SAMPLE_KINDS.join(", ")}, or a full topic name)`);
  const kind = SAMPLE_KINDS.find((k) => topicFlag === k || topicFlag.endsWith(`.${k}`));
  const topic = (SAMPLE_KINDS as readonly string[]).includes(topicFlag) ? sampleTopic(topicFlag as SampleKind) : topicFlag;
  const channel = values.get("--channel") ?? "open-messaging";
  if (!(SAMPLE_CHANNELS as readonly string[]).includes(channel)) throw new UsageError(`'--channel ${channel}' must be one of ${SAMPLE_CHANNELS.join(", ")}`);
  const given = values.get("--event");
  if (given !== undefined && values.has("--channel")) throw new UsageError("give either '--event' (the whole event) or '--channel' (a sample event), not both");
  let event: Record<string, unknown>;
  if (given !== undefined) {
    const text = given.startsWith("@") ? readFile(given.slice(1)) : given;
    try {
      event = JSON.parse(text) as Record<string, unknown>;
    } catch (e) {
      throw new UsageError(`'--event' is not JSON: ${(e as Error).message}`);
    }
    if (typeof event !== "object" || event === null || Array.isArray(event)) throw new UsageError("'--event' must be a JSON object");
  } else {
    if (!kind) throw new UsageError(`no sample event for topic '${topicFlag}': give the event with '--event'`);
    event = sampleEvent(kind, channel as SampleChannel);
  }
  return { url: url.replace(/\/$/, ""), topic, event, json };
}

/** Publishes one event on the emulator at `emulatorUrl` through its control API; its execution log. */
export async function postEvent(emulatorUrl: string, topic: string, event: Record<string, unknown>): Promise<EventRecord> {
  const res = await fetch(`${emulatorUrl}/__emulator/events`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ topic, event }),
  });
  const body = (await res.json()) as EventRecord & { message?: string };
  if (res.status !== 200) throw new Error(`the emulator at ${emulatorUrl} refused the event on ${topic} (${res.status}): ${body.message}`);
  return body;
}

async function main(): Promise<void> {
  let args: EventArgs;
  try {
    args = parseEventArgs(process.argv.slice(2));
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`emulator:event: ${e.message}\n${USAGE}\n`);
    process.exit(2);
  }
  const body = await postEvent(args.url, args.topic, args.event);
  process.stdout.write(`${args.json ? JSON.stringify(body, null, 2) : formatEventRecord(body)}\n`);
}

if (require.main === module) {
  main().catch((e: Error) => {
    process.stderr.write(`emulator:event: ${e.message}\n`);
    process.exit(1);
  });
}
