import type { EventRecord, TriggerOutcome } from "./events";
import type { StepLog } from "./workflow-run";

// Pure: an event's execution log as text for a terminal (the event CLI and `npm run local`).

const indent = (lines: string[], by = "    ") => lines.map((l) => by + l);

function stepLines(step: StepLog): string[] {
  const head = `${step.type} "${step.name}"${step.output ? ` → ${step.output}` : ""}${step.exitReason ? ` (exit reason: ${step.exitReason})` : ""}`;
  const lines = [head];
  if (step.assigned && Object.keys(step.assigned).length) lines.push(`  set ${JSON.stringify(step.assigned)}`);
  const http = step.http;
  if (http) {
    lines.push(`  ${http.request.method} ${http.request.url} ${http.request.body ?? ""}`.trimEnd());
    if (http.response) lines.push(`  ← HTTP ${http.response.status} ${http.response.body.trim().slice(0, 200)}`.trimEnd());
    else lines.push(`  ← no answer: ${http.failure ?? "unknown"}`);
  }
  if (step.error && !http?.response) lines.push(`  error: ${step.error.message}`);
  else if (step.error) lines.push(`  error: ${step.error.status} ${step.error.code}`);
  return lines;
}

function triggerLines(t: TriggerOutcome): string[] {
  if (!t.fired) return [`trigger "${t.triggerName}": not fired, ${t.reason ?? "no reason recorded"}`];
  const e = t.execution!;
  const lines = [`trigger "${t.triggerName}": fired → workflow "${e.flowName}" version ${e.flowVersion}: ${e.status}`];
  if (e.status === "Scheduled") lines.push(`    starts at ${e.startAt} (delayBySeconds)`);
  lines.push(...indent(e.steps.flatMap(stepLines)));
  if (e.errorMessage) lines.push(`    error: ${e.errorMessage}`);
  return lines;
}

export function formatEventRecord(record: EventRecord): string {
  const summary = ["mediaType", "messageType", "addressTo", "disconnectType"]
    .filter((k) => record.event[k] !== undefined)
    .map((k) => `${k}=${String(record.event[k])}`)
    .join(" ");
  const lines = [`event ${record.topic} (${summary})`];
  if (record.triggers.length === 0) lines.push("  no trigger on this topic");
  for (const t of record.triggers) lines.push(...indent(triggerLines(t), "  "));
  return lines.join("\n");
}
