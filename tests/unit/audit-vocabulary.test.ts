/**
 * Every audit action the server can write is in the one list of protocol/audit.ts, and
 * every action, field, kind of target and coded value of that list is worded in Bahasa Indonesia
 * and English (web/src/lib/i18n/audit.*.ts and the tables they lean on). The writers are typed
 * against the list (svelte-check); this test also reads the source, so an action written another
 * way (a string passed along, a template) is caught at test time too.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import {
  AUDIT_ACTIONS, AUDIT_FIELDS, AUDIT_REF_FIELDS, AUDIT_TARGET_TYPES, AUDIT_VALUE_CODES, CAPABILITIES, SESSION_ACTIONS
} from '../../protocol/index.ts';
import { auditEn } from '../../web/src/lib/i18n/audit.en.ts';
import { auditId } from '../../web/src/lib/i18n/audit.id.ts';
import { en } from '../../web/src/lib/i18n/en.ts';
import { id } from '../../web/src/lib/i18n/id.ts';
import { i18n } from '../../web/src/lib/i18n/i18n.svelte.ts';
import { codeText, value } from '../../web/src/lib/components/audit/audit-text.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const LIST_FILE = 'protocol/audit.ts';
/** fields holding a list of codes rather than one */
const AUDIT_VALUE_CODES_LISTS: Record<string, true> = { roles: true, attention: true };

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'migrations' || e.name === 'node_modules' ? [] : sources(path);
    return /\.(ts|mts|js|mjs)$/.test(e.name) ? [path] : [];
  });
}

/**
 * Templates an action may be built from (`session.${input.action}`): the values the hole takes.
 * A writer building actions another way must be added here.
 */
const TEMPLATES: Record<string, readonly string[]> = { session: SESSION_ACTIONS };
/** dotted strings in server code that are neither actions nor capabilities */
const NOT_ACTIONS = new Set(['socket.io', 'handler.js', 'event.at', 'view.attention', 'view.state', 'page.session']);
const AREAS = new Set(AUDIT_ACTIONS.map((a) => a.split('.')[0]));

type Found = { action: string; where: string };
function scan(): { literal: Found[]; inActionField: Found[]; templates: Found[] } {
  const literal: Found[] = [], inActionField: Found[] = [], templates: Found[] = [];
  for (const file of [...sources('server'), ...sources('db')]) {
    if (file === LIST_FILE) continue;
    const text = readFileSync(join(ROOT, file), 'utf8');
    const where = (i: number) => `${relative(ROOT, join(ROOT, file))}:${text.slice(0, i).split('\n').length}`;
    // every dotted string of an action's area ('auth.locked', also when passed along as an argument)
    for (const m of text.matchAll(/(['"`])([a-z][a-z_]*)\.([a-z_]+)\1/g)) {
      // the code of a message of the catalog (msg('station.offline', …), protocol/messages/) is not an action
      if (text.slice(Math.max(0, m.index - 4), m.index) === 'msg(') continue;
      if (AREAS.has(m[2])) literal.push({ action: `${m[2]}.${m[3]}`, where: where(m.index) });
    }
    // whatever an `action:` holds: a literal, either side of a ternary, a template
    for (const m of text.matchAll(/\baction:\s*([^,}\n]+)/g)) {
      for (const l of m[1].matchAll(/(['"])([a-z][a-z_]*\.[a-z_]+)\1/g)) inActionField.push({ action: l[2], where: where(m.index) });
      for (const tm of m[1].matchAll(/`([a-z][a-z_]*)\.\$\{/g)) templates.push({ action: tm[1], where: where(m.index) });
    }
  }
  return { literal, inActionField, templates };
}

const isCapability = (s: string) => (CAPABILITIES as readonly string[]).includes(s);
const listed = new Set<string>(AUDIT_ACTIONS);

describe('the list of audit actions (protocol/audit.ts)', () => {
  const found = scan();

  it('holds every action a writer puts in `action:` (literals, ternaries, templates)', () => {
    expect(found.inActionField.length).toBeGreaterThan(30); // the scan sees the writers
    const unlisted = found.inActionField.filter((f) => !listed.has(f.action) && !NOT_ACTIONS.has(f.action));
    expect(unlisted, 'add these to AUDIT_ACTIONS and word them in web/src/lib/i18n/audit.*.ts').toEqual([]);
    const unknownTemplates = found.templates.filter((f) => !(f.action in TEMPLATES));
    expect(unknownTemplates, 'an action built from a template: add its values to TEMPLATES here').toEqual([]);
    for (const [area, values] of Object.entries(TEMPLATES)) {
      if (!found.templates.some((f) => f.action === area)) continue;
      expect(values.map((v) => `${area}.${v}`).filter((a) => !listed.has(a)), `${area}.\${…}`).toEqual([]);
    }
  });

  it('holds every other action-like string in server and db code (e.g. an action passed as an argument)', () => {
    const stray = found.literal.filter((f) => !listed.has(f.action) && !isCapability(f.action) && !NOT_ACTIONS.has(f.action));
    expect(stray, 'an audit action missing from AUDIT_ACTIONS (or, if it is not one, add it to NOT_ACTIONS here)').toEqual([]);
  });

  it('holds nothing no writer writes', () => {
    const written = new Set([
      ...found.literal.map((f) => f.action),
      ...found.templates.flatMap((f) => (TEMPLATES[f.action] ?? []).map((v) => `${f.action}.${v}`))
    ]);
    expect(AUDIT_ACTIONS.filter((a) => !written.has(a)), 'listed but never written: remove them').toEqual([]);
    expect(new Set(AUDIT_ACTIONS).size).toBe(AUDIT_ACTIONS.length);
    expect(new Set(AUDIT_FIELDS).size).toBe(AUDIT_FIELDS.length);
  });
});

describe('the audit vocabulary, in Bahasa Indonesia and English', () => {
  const tables = { id: id as Record<string, string>, en: en as Record<string, string> };
  const missing = (keys: string[]) =>
    Object.entries(tables).flatMap(([lang, table]) => keys.filter((k) => !(typeof table[k] === 'string' && table[k].trim())).map((k) => `${lang}: ${k}`));

  it('names every action and says what it did in a sentence', () => {
    expect(missing(AUDIT_ACTIONS.flatMap((a) => [`action.${a}`, `audit.says.${a}`])), 'add them to web/src/lib/i18n/audit.id.ts and audit.en.ts').toEqual([]);
  });

  it('labels every before/after field and every kind of target', () => {
    expect(missing(AUDIT_FIELDS.map((f) => `audit.field.${f}`))).toEqual([]);
    expect(missing(AUDIT_TARGET_TYPES.map((t) => `audit.target.${t}`))).toEqual([]);
    // a field worded for one action names a real action and field
    for (const k of Object.keys(auditId).filter((k) => k.startsWith('audit.field.') && k.includes(':'))) {
      const [action, field] = k.slice('audit.field.'.length).split(':');
      expect(listed.has(action), k).toBe(true);
      expect((AUDIT_FIELDS as readonly string[]).includes(field), k).toBe(true);
    }
    for (const f of Object.keys(AUDIT_REF_FIELDS)) expect((AUDIT_FIELDS as readonly string[]).includes(f), f).toBe(true);
  });

  it('audit.id.ts and audit.en.ts have the same keys, none empty', () => {
    expect(Object.keys(auditEn).sort()).toEqual(Object.keys(auditId).sort());
    expect(Object.entries({ ...auditId, ...auditEn }).filter(([, v]) => !v.trim())).toEqual([]);
  });

  describe('words every coded value', () => {
    afterAll(() => i18n.setLocale('id'));
    for (const lang of ['id', 'en'] as const) {
      it(lang, () => {
        i18n.setLocale(lang);
        const unworded: string[] = [];
        for (const [field, codes] of Object.entries(AUDIT_VALUE_CODES)) {
          expect((AUDIT_FIELDS as readonly string[]).includes(field), field).toBe(true);
          for (const code of codes as readonly string[]) {
            const text = codeText(field, code);
            if (!text?.trim() || /[{}]/.test(text)) unworded.push(`${field}: ${code}`);
            // and that is what the change column shows, alone or in a list
            else expect(value(field, AUDIT_VALUE_CODES_LISTS[field] ? [code] : code, '', {})).toBe(text);
          }
        }
        expect(unworded, 'word them: audit.value.<field>.<code> in web/src/lib/i18n/audit.*.ts').toEqual([]);
      });
    }
  });
});
