import { randomUUID } from "node:crypto";
import type { ActionRun } from "./action-run";
import { ACTION_DIMENSIONS, type ActionDimension, type ActionExecution } from "./action-executions";
import { badRequest } from "./errors";
import type { ActionRecord } from "./store";
import { actionErrorType } from "./unverified";
import type { Json } from "./validate";

// Data action analytics: what `POST /api/v2/analytics/actions/aggregates/query` counts. The
// query's shape is the SDK's (AnalyticsApi.postAnalyticsActionsAggregatesQuery, model
// ActionAggregationQuery: `interval` "start/end" ISO-8601, optional `granularity` ISO-8601
// duration, `groupBy` and filter predicates over its dimensions (action-executions.ts), `metrics` of which
// `tTotalExecution` is the only one; answer ActionAggregateQueryResponse `{results: [{group, data:
// [{interval, metrics: [{metric, stats}]}]}]}`; enums from Genesys's Java SDK docs,
// build/docs/ActionAggregationQuery.md and ActionAggregateQueryPredicate.md). Genesys's
// Resource Center shows the same data as the "Data Actions Performance Summary" view
// (help.mypurecloud.com/articles/data-actions-integration-performance-analysis/). Every
// execution a workflow's Call Data Action makes is recorded; which executions count and the
// values of `errorType` are guesses (unverified.ts).

const METRICS = ["tTotalExecution"];
const OPERATORS = ["matches", "exists", "notExists"];
const FILTER_TYPES = ["and", "or"];

/** The record of one run of `action` (of the integration named `integrationName`) that ended at `at`; pure but for its fresh correlation id. */
export function executionOf(action: ActionRecord, integrationName: string | undefined, run: ActionRun, startedAt: number, at: number): ActionExecution {
  const status = run.http?.response?.status;
  const errorType = actionErrorType(run);
  return {
    at,
    durationMs: at - startedAt,
    dimensions: {
      actionCategory: action.category,
      actionId: action.id,
      actionName: action.name,
      correlationId: randomUUID(),
      integrationId: action.integrationId,
      ...(integrationName !== undefined ? { integrationName } : {}),
      ...(status !== undefined ? { responseStatus: String(status) } : {}),
      ...(errorType !== undefined ? { errorType } : {}),
    },
  };
}

interface Predicate {
  dimension: ActionDimension;
  operator: string;
  value?: string;
}

interface Filter {
  type: string;
  predicates: Predicate[];
  clauses: { type: string; predicates: Predicate[] }[];
}

interface Query {
  from: number;
  to: number;
  granularityMs: number;
  groupBy: ActionDimension[];
  filter?: Filter;
}

/** Pure: an ISO-8601 duration (`PT1H`, `P1D`, `P1DT12H`, `PT30M`) in ms, or undefined. */
export function isoDurationMs(text: string): number | undefined {
  const match = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(text);
  if (!match || text === "P" || text.endsWith("T")) return undefined;
  const [weeks, days, hours, minutes, seconds] = match.slice(1).map((part) => Number(part ?? 0));
  const ms = ((((weeks * 7 + days) * 24 + hours) * 60 + minutes) * 60 + seconds) * 1000;
  return ms > 0 ? ms : undefined;
}

function dimension(value: unknown, field: string): ActionDimension {
  if (!ACTION_DIMENSIONS.includes(value as ActionDimension)) {
    throw badRequest(`'${field}' must be one of ${ACTION_DIMENSIONS.join(", ")}, got ${JSON.stringify(value)}`, field);
  }
  return value as ActionDimension;
}

function predicates(list: unknown, field: string): Predicate[] {
  if (list === undefined) return [];
  if (!Array.isArray(list)) throw badRequest(`'${field}' must be a list`, field);
  return list.map((item, i) => {
    const p = (item ?? {}) as Json;
    const operator = p.operator === undefined ? "matches" : String(p.operator);
    if (!OPERATORS.includes(operator)) throw badRequest(`'${field}[${i}].operator' must be one of ${OPERATORS.join(", ")}`, `${field}[${i}].operator`);
    if (operator === "matches" && typeof p.value !== "string") throw badRequest(`'${field}[${i}].value' is required for the matches operator`, `${field}[${i}].value`);
    return { dimension: dimension(p.dimension, `${field}[${i}].dimension`), operator, ...(typeof p.value === "string" ? { value: p.value } : {}) };
  });
}

function filterType(value: unknown, field: string): string {
  if (!FILTER_TYPES.includes(value as string)) throw badRequest(`'${field}' must be "and" or "or"`, field);
  return value as string;
}

/** Pure: the query's parts, or a 400 naming the field that is wrong. */
export function parseQuery(body: Json): Query {
  const interval = typeof body.interval === "string" ? body.interval.split("/") : [];
  const [from, to] = interval.map((part) => Date.parse(part));
  if (interval.length !== 2 || !Number.isFinite(from) || !Number.isFinite(to) || from >= to) {
    throw badRequest("'interval' is required: an ISO-8601 interval such as 2026-12-07T00:00:00Z/2026-12-08T00:00:00Z", "interval");
  }
  const granularityMs = body.granularity === undefined ? to - from : isoDurationMs(String(body.granularity));
  if (granularityMs === undefined) throw badRequest("'granularity' must be an ISO-8601 duration such as PT1H or P1D", "granularity");
  const metrics = body.metrics;
  if (!Array.isArray(metrics) || metrics.length === 0 || metrics.some((m) => !METRICS.includes(m as string))) {
    throw badRequest(`'metrics' is required: a list of ${METRICS.join(", ")}`, "metrics");
  }
  if (body.groupBy !== undefined && !Array.isArray(body.groupBy)) throw badRequest("'groupBy' must be a list of dimensions", "groupBy");
  const groupBy = ((body.groupBy as unknown[] | undefined) ?? []).map((d, i) => dimension(d, `groupBy[${i}]`));
  const raw = body.filter as Json | undefined;
  const filter =
    raw === undefined
      ? undefined
      : {
          type: filterType(raw.type, "filter.type"),
          predicates: predicates(raw.predicates, "filter.predicates"),
          clauses: (Array.isArray(raw.clauses) ? raw.clauses : []).map((c, i) => ({
            type: filterType((c as Json).type, `filter.clauses[${i}].type`),
            predicates: predicates((c as Json).predicates, `filter.clauses[${i}].predicates`),
          })),
        };
  return { from, to, granularityMs, groupBy, ...(filter ? { filter } : {}) };
}

function holds(p: Predicate, e: ActionExecution): boolean {
  const value = e.dimensions[p.dimension];
  if (p.operator === "exists") return value !== undefined;
  if (p.operator === "notExists") return value === undefined;
  return value === p.value;
}

function combine(type: string, results: boolean[]): boolean {
  return type === "and" ? results.every(Boolean) : results.some(Boolean);
}

/** Pure: the query's answer over the recorded executions; buckets without executions are left out. */
export function aggregate(query: Query, executions: readonly ActionExecution[]): { results?: unknown[] } {
  const groups = new Map<string, { group: Record<string, string>; buckets: Map<number, number[]> }>();
  for (const e of executions) {
    if (e.at < query.from || e.at >= query.to) continue;
    const f = query.filter;
    if (f && !combine(f.type, [...f.predicates.map((p) => holds(p, e)), ...f.clauses.map((c) => combine(c.type, c.predicates.map((p) => holds(p, e))))])) continue;
    const group = Object.fromEntries(query.groupBy.filter((d) => e.dimensions[d] !== undefined).map((d) => [d, e.dimensions[d] as string]));
    const key = JSON.stringify(group);
    const entry = groups.get(key) ?? { group, buckets: new Map() };
    groups.set(key, entry);
    const bucket = Math.floor((e.at - query.from) / query.granularityMs);
    entry.buckets.set(bucket, [...(entry.buckets.get(bucket) ?? []), e.durationMs]);
  }
  if (groups.size === 0) return {};
  const iso = (ms: number) => new Date(ms).toISOString().replace(/\.000Z$/, "Z");
  return {
    results: [...groups.values()].map(({ group, buckets }) => ({
      group,
      data: [...buckets.entries()]
        .sort(([a], [b]) => a - b)
        .map(([bucket, durations]) => {
          const start = query.from + bucket * query.granularityMs;
          return {
            interval: `${iso(start)}/${iso(Math.min(start + query.granularityMs, query.to))}`,
            metrics: [
              {
                metric: "tTotalExecution",
                stats: { max: Math.max(...durations), min: Math.min(...durations), count: durations.length, sum: durations.reduce((a, b) => a + b, 0) },
              },
            ],
          };
        }),
    })),
  };
}
