/** Reported in station:hello so the dashboard can spot stations running an outdated agent. */
export const AGENT_VERSION = '0.1.0';
