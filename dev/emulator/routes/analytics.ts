import { aggregate, parseQuery } from "../action-analytics";
import type { Context } from "../context";
import type { Router } from "../router";
import { objectBody } from "../validate";

// Analytics, the one query this project asks: how the org's data actions ran (action-analytics.ts).

export function registerAnalytics(router: Router, ctx: Context): void {
  router.add("POST", "/api/v2/analytics/actions/aggregates/query", "api", (req) => ({
    status: 200,
    body: aggregate(parseQuery(objectBody(req.body, "action aggregation query")), ctx.actionExecutions.list()),
  }));
}
