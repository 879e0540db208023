import type { ConnState } from '$protocol';

/** The icon that goes with every connectivity colour (never colour alone). */
export const STATE_ICON: Record<ConnState, string> = { online: '✓', degraded: '⚠', offline: '✕' };
