/** Roles and capabilities against the policy written in docs/security.md (declared here, not derived). */
import { describe, expect, it } from 'vitest';
import { CAPABILITIES, capabilitiesOf, NATIONAL_ROLES, ROLE_CAPABILITIES, ROLES, type Capability, type Role } from '../../protocol/roles.ts';

/** The documented policy: capability → the roles that hold it. */
const POLICY: Record<Capability, Role[]> = {
  'room.view': ['admin', 'koordinator', 'pengawas', 'instruktur', 'petugas_ti'],
  'station.ack': ['pengawas', 'instruktur', 'petugas_ti'],
  'station.probe': ['pengawas', 'instruktur', 'petugas_ti'],
  'participant.view': ['admin', 'koordinator', 'pengawas', 'instruktur', 'petugas_ti', 'operator_instansi'],
  'station.enroll': ['admin', 'petugas_ti'],
  'station.revoke': ['admin', 'petugas_ti'],
  'user.manage': ['admin'],
  'audit.view': ['admin', 'koordinator', 'pengawas', 'petugas_ti'],
  'session.control': ['pengawas', 'instruktur'],
  'checklist.edit': ['pengawas', 'instruktur', 'petugas_ti'],
  'registration.manage': ['pengawas', 'instruktur', 'operator_instansi'],
  'participant.control': ['pengawas', 'instruktur'],
  'incident.record': ['pengawas', 'instruktur', 'petugas_ti'],
  'visitor.record': ['pengawas', 'instruktur'],
  'activity.view': ['admin', 'koordinator', 'pengawas', 'instruktur', 'petugas_ti', 'operator_instansi'],
  'activity.manage': ['admin', 'koordinator'],
  'board.view': ['admin', 'koordinator'],
  'evaluation.view': ['admin', 'koordinator'],
  'evaluation.issue': ['koordinator']
};

describe('roles and capabilities', () => {
  it('every role holds exactly the capabilities the policy gives it', () => {
    expect(Object.keys(POLICY).sort()).toEqual([...CAPABILITIES].sort());
    for (const role of ROLES) {
      const expected = CAPABILITIES.filter((c) => POLICY[c].includes(role));
      expect(capabilitiesOf([role]), role).toEqual(expected);
      expect([...ROLE_CAPABILITIES[role]].sort(), role).toEqual([...expected].sort());
    }
  });

  it('operator_instansi sees and registers participants only: no live room, no station actions, no audit', () => {
    const caps = capabilitiesOf(['operator_instansi']);
    expect(caps).toEqual(['participant.view', 'registration.manage', 'activity.view']);
    expect(caps).not.toContain('room.view');
  });

  it('the admin manages accounts and stations but does not act on a live room', () => {
    const caps = capabilitiesOf(['admin']);
    expect(caps).toContain('user.manage');
    expect(caps).not.toContain('station.ack');
    expect(caps).not.toContain('station.probe');
  });

  it('several roles get the union, in the canonical order, without duplicates', () => {
    expect(capabilitiesOf(['operator_instansi', 'koordinator'])).toEqual([
      'room.view', 'participant.view', 'audit.view', 'registration.manage', 'activity.view', 'activity.manage', 'board.view', 'evaluation.view', 'evaluation.issue'
    ]);
    expect(capabilitiesOf(['instruktur', 'admin'])).toEqual([
      'room.view', 'station.ack', 'station.probe', 'participant.view', 'station.enroll', 'station.revoke', 'user.manage', 'audit.view',
      'session.control', 'checklist.edit', 'registration.manage', 'participant.control', 'incident.record', 'visitor.record',
      'activity.view', 'activity.manage', 'board.view', 'evaluation.view'
    ]);
    expect(capabilitiesOf(['pengawas', 'pengawas'])).toEqual(capabilitiesOf(['pengawas']));
    expect(capabilitiesOf([...ROLES])).toEqual([...CAPABILITIES]);
  });

  it('no role gives nothing, and an unknown role string adds nothing', () => {
    expect(capabilitiesOf([])).toEqual([]);
    expect(capabilitiesOf(['superuser' as Role])).toEqual([]);
    expect(capabilitiesOf(['superuser' as Role, 'instruktur'])).toEqual(capabilitiesOf(['instruktur']));
  });

  it('only the admin is national whatever its scopes say', () => {
    expect([...NATIONAL_ROLES]).toEqual(['admin']);
  });
});
