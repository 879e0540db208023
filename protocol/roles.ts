/**
 * Roles and what each may do. The server enforces these on every HTTP route and socket event;
 * the web app only uses them to hide what would be refused anyway. docs/security.md has the
 * same table in words. Roles follow the Tim Penyelenggara CACT BKN (Perban BKN 4/2024 Pasal 6)
 * plus the user agency's operator and a system administrator.
 */
export const ROLES = ['admin', 'koordinator', 'pengawas', 'instruktur', 'petugas_ti', 'operator_instansi'] as const;
export type Role = (typeof ROLES)[number];

export const CAPABILITIES = [
  /** list rooms, watch a room live, open a station's detail */
  'room.view',
  /** acknowledge a station's attention marker */
  'station.ack',
  /** run a bandwidth test on one station or the whole room (daftar periksa B.4) */
  'station.probe',
  /** see the participants of a session (operator_instansi: only its own agency's) */
  'participant.view',
  /** list stations with their token status, add seats, create enrollment codes */
  'station.enroll',
  /** revoke a station token */
  'station.revoke',
  /** create users, change roles, scopes and passwords of others */
  'user.manage',
  /** browse the audit trail */
  'audit.view',
  // session control
  /** move a session through its lifecycle, issue/rotate/revoke the session PIN, see it, unlock a station */
  'session.control',
  /** fill in and complete the daftar periksa (Lampiran I.B) */
  'checklist.edit',
  /** import participants, register arrivals, mark absent (Pasal 14(2); operator_instansi: its own agency's only) */
  'registration.manage',
  /** pause, resume, add time, end a participant's test; seat or move a participant to another PC */
  'participant.control',
  /** record incidents (kejadian) and edit them */
  'incident.record',
  /** record others allowed into the test room, with time in and out (Pasal 14(1)k) */
  'visitor.record',
  // activities and their schedule (Pasal 8–9)
  /** see activities and their sessions: those of the venues in scope or assigned to the user; operator_instansi: its own agency's */
  'activity.view',
  /** plan activities, their team and their sessions; reschedule (the lead-time override is the koordinator's alone) */
  'activity.manage',
  // oversight (Pasal 16)
  /** the coordinator board: every venue in scope on one screen, live, aggregated per venue */
  'board.view',
  /** the monitoring and evaluation report over a period and the venues in scope (Pasal 16(4)) */
  'evaluation.view',
  /** issue it with the team's recommendations, as its Tim Pemantauan dan Evaluasi (Pasal 16(2), 16(5)) */
  'evaluation.issue'
] as const;
export type Capability = (typeof CAPABILITIES)[number];

export const ROLE_CAPABILITIES: Record<Role, readonly Capability[]> = {
  // System administration: accounts, station enrollment, the whole audit trail. National scope.
  admin: ['room.view', 'participant.view', 'station.enroll', 'station.revoke', 'user.manage', 'audit.view', 'activity.view', 'activity.manage', 'board.view', 'evaluation.view'],
  // Oversees the venues assigned (a region or the nation): watches, evaluates; does not act on stations.
  // Sees incidents and checklists across venues to evaluate them (Pasal 16); does not run a room.
  // Plans the activities of its venues (Pasal 8) and may schedule inside the lead time, with a reason.
  // Oversees all its venues at once on the board (Pasal 16); a proctor runs one room, not the board.
  // Evaluates them over a period and issues the report as the Tim Pemantauan dan Evaluasi (Pasal 16(2)–(5)).
  koordinator: ['room.view', 'participant.view', 'audit.view', 'activity.view', 'activity.manage', 'board.view', 'evaluation.view', 'evaluation.issue'],
  // The proctor runs the session (Pasal 14(1)).
  pengawas: [
    'room.view', 'station.ack', 'station.probe', 'participant.view', 'audit.view',
    'session.control', 'checklist.edit', 'registration.manage', 'participant.control', 'incident.record', 'visitor.record', 'activity.view'
  ],
  instruktur: [
    'room.view', 'station.ack', 'station.probe', 'participant.view',
    'session.control', 'checklist.edit', 'registration.manage', 'participant.control', 'incident.record', 'visitor.record', 'activity.view'
  ],
  // The IT officer also enrolls and revokes the room's station PCs, checks the facilities (B.1–B.5)
  // and records technical incidents.
  petugas_ti: [
    'room.view', 'station.ack', 'station.probe', 'participant.view', 'station.enroll', 'station.revoke', 'audit.view',
    'checklist.edit', 'incident.record', 'activity.view'
  ],
  // The user agency's operator: its own participants only (Pasal 3 confidentiality); no live room.
  // It registers its own people (Pasal 14(2)a–b: the agency registers and checks identity).
  operator_instansi: ['participant.view', 'registration.manage', 'activity.view']
};

export function capabilitiesOf(roles: readonly Role[]): Capability[] {
  const set = new Set<Capability>();
  for (const r of roles) for (const c of ROLE_CAPABILITIES[r] ?? []) set.add(c);
  return CAPABILITIES.filter((c) => set.has(c));
}

/** Roles whose scope is always the whole system, whatever their assignments say. */
export const NATIONAL_ROLES: readonly Role[] = ['admin'];

export type ScopeKind = 'all' | 'region' | 'venue';
