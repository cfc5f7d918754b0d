/**
 * What the web instances' CloudWatch agent reads and writes, as the component names it: a
 * component declared before Observability (AccessControl's instance role) takes it from here,
 * and the component's `cloudWatchAgent` output is the same value.
 */
import { agentParameterName, appLogGroupName, DEFAULT_AGENT_NAMESPACE, systemLogGroupName } from "./agent";

export interface CloudWatchAgentScope {
    /** The SSM parameter the agent fetches its configuration from. */
    configParameterName: string;
    /** The log groups it writes: the app's, then the system's. */
    logGroupNames: string[];
    /** The one namespace it puts metrics into. */
    metricNamespace: string;
}

/** The agent's scope for a `namePrefix` and the component's `agent.namespace` (default {@link DEFAULT_AGENT_NAMESPACE}). */
export function cloudWatchAgentScope(namePrefix: string, namespace?: string): CloudWatchAgentScope {
    return {
        configParameterName: agentParameterName(namePrefix),
        logGroupNames: [appLogGroupName(namePrefix), systemLogGroupName(namePrefix)],
        metricNamespace: namespace ?? DEFAULT_AGENT_NAMESPACE,
    };
}
