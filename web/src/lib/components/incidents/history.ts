/**
 * The versions of one incident, oldest first, each with the fields that differ from the version
 * before it — what the history dialog highlights. Built from GET /api/incidents/:id/history.
 */
import type { IncidentRevision, IncidentRow } from '$protocol';

export const HISTORY_FIELDS = ['category', 'occurredAt', 'stationId', 'participantId', 'description', 'actionTaken'] as const;
export type HistoryField = (typeof HISTORY_FIELDS)[number];

export type IncidentData = IncidentRevision['data'];
export type IncidentVersion = {
  version: number;
  /** when and by whom this version was written, and the reason given for the edit */
  at: number;
  by: string;
  reason: string | null;
  data: IncidentData;
  changed: HistoryField[];
  current: boolean;
};

function dataOf(row: IncidentRow): IncidentData {
  const { id: _i, sessionId: _s, version: _v, createdAt: _c, updatedAt: _u, ...data } = row;
  return data;
}

/**
 * A revision row keeps the text being replaced, and says who replaced it, when and why
 * (db/queries/incidents.ts). So version k was written by the edit stored with version k − 1;
 * version 1 by the reporter when it was recorded, and the current one by the last edit.
 */
export function versionsOf(incident: IncidentRow, revisions: IncidentRevision[]): IncidentVersion[] {
  const earlier = [...revisions].sort((a, b) => a.version - b.version).filter((r) => r.version < incident.version);
  const datas: { version: number; data: IncidentData }[] = [...earlier.map((r) => ({ version: r.version, data: r.data })), { version: incident.version, data: dataOf(incident) }];
  return datas.map((d, i) => {
    const writer = i > 0 ? earlier[i - 1] : null;
    const before = i > 0 ? datas[i - 1].data : null;
    return {
      version: d.version,
      at: writer ? writer.at : incident.createdAt,
      by: writer ? writer.by : incident.reporter,
      reason: writer?.reason ?? null,
      data: d.data,
      changed: before ? HISTORY_FIELDS.filter((f) => before[f] !== d.data[f]) : [],
      current: i === datas.length - 1
    };
  });
}
