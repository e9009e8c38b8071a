// Data action analytics: how the org's data actions ran, counted by Genesys
// (POST /api/v2/analytics/actions/aggregates/query, the SDK's
// AnalyticsApi.postAnalyticsActionsAggregatesQuery; permission integrations:action:view, Genesys's
// CLI). The query's dimensions (actionCategory, actionId, actionName, correlationId, errorType,
// integrationId, integrationName, responseStatus) and its one metric, tTotalExecution, are the
// SDK's (ActionAggregationQuery). It is what Genesys's "Data Actions Performance Summary" view
// shows an admin (Resource Center, "Data actions integration performance analysis").
import type { GenesysApi } from "./transport";

/** One group of executions (by the dimensions asked for) and its counts per time bucket. */
export interface ActionExecutionGroup {
  /** The group's dimension values; a dimension an execution does not carry is absent. */
  group?: Record<string, string>;
  data?: {
    /** The bucket, an ISO-8601 interval "start/end". */
    interval?: string;
    metrics?: { metric?: string; stats?: { count?: number } }[];
  }[];
}

export interface ActionExecutionQuery {
  /** The data action's natural key (a recreated action keeps it, its id changes). */
  readonly actionName: string;
  readonly actionCategory: string;
  readonly from: Date;
  readonly to: Date;
  /** ISO-8601 duration of each bucket, e.g. PT1H. */
  readonly granularity: string;
  readonly groupBy: readonly string[];
}

/** The executions of one data action in the window, grouped; none → []. */
export async function actionExecutions(api: GenesysApi, query: ActionExecutionQuery): Promise<ActionExecutionGroup[]> {
  const body = {
    interval: `${query.from.toISOString()}/${query.to.toISOString()}`,
    granularity: query.granularity,
    groupBy: [...query.groupBy],
    filter: {
      type: "and",
      predicates: [
        { dimension: "actionName", value: query.actionName },
        { dimension: "actionCategory", value: query.actionCategory },
      ],
    },
    metrics: ["tTotalExecution"],
  };
  const answer = await api.call<{ results?: ActionExecutionGroup[] } | undefined>(`Read executions of data action "${query.actionName}"`, (a) =>
    a.analytics.postAnalyticsActionsAggregatesQuery(body),
  );
  return answer?.results ?? [];
}
