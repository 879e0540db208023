/**
 * Proctor actions on participants' tests (pause, resume, add time, end): who of the chosen PCs can
 * receive one, and the request. The station applies the action and acknowledges it; until then the
 * tile shows it as pending.
 */
import type { ActionRow, ParticipantActionKind, StationView } from '$protocol';
import { api } from '$lib/api.ts';
import { ROUTES } from '$protocol/routes.ts';

export type ActionTarget = { participantId: number; name: string; code: string };

/**
 * The chosen PCs whose participant can receive an action: on the session's roster and not yet
 * ended. The server refuses the whole request if one of them cannot, so the others are left out
 * here and counted: empty or spare PCs and unknown NIPs (`empty`), tests already ended (`ended`).
 */
export function targetsOf(stations: readonly StationView[], onlyWorking = false): { targets: ActionTarget[]; empty: number; ended: number } {
  const targets: ActionTarget[] = [];
  let empty = 0;
  let ended = 0;
  for (const s of stations) {
    const p = s.participant;
    if (p?.participantId == null) empty++;
    else if (p.endedAt != null) ended++;
    // outside a running test only someone at work can be acted on (server: domain/test-window.ts)
    else if (onlyWorking && (!p.loggedIn || p.finished)) empty++;
    else targets.push({ participantId: p.participantId, name: p.name ?? p.nip, code: s.code });
  }
  return { targets, empty, ended };
}

export async function sendAction(
  sessionId: number,
  kind: ParticipantActionKind,
  targets: readonly ActionTarget[],
  extra: { minutes?: number; reason?: string } = {}
): Promise<ActionRow[]> {
  const r = await api(ROUTES.actionRequest, { params: { id: sessionId }, body: {
    kind,
    participantIds: targets.map((x) => x.participantId),
    ...extra
  } });
  return r.actions;
}
