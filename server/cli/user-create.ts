/**
 * `npm run user:create -- --nip N --name "…" --role R [--role R2] [--jabatan J] [--instansi I]
 *   [--venue CODE] [--region NAME] [--national] [--db FILE]`
 * Creates a user; the password is read from stdin when piped, otherwise prompted (not echoed).
 * This is how a production installation gets its first admin: there are no default accounts.
 */
import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline';
import { openDb } from '../../db/client.ts';
import { appendAudit } from '../../db/queries/audit.ts';
import { findUserByNip, insertUser, listVenues } from '../../db/queries/users.ts';
import { hashPassword, passwordProblem } from '../auth/password.ts';
import { loadConfig } from '../config.ts';
import { type ScopeInput } from '../../protocol/index.ts';
import { userCreateSchema } from '../../protocol/schemas/index.ts';
import { say } from '../../protocol/messages/index.ts';

async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    let data = '';
    for await (const chunk of process.stdin) data += chunk;
    return data.split(/\r?\n/)[0];
  }
  // Prompt without echo: readline writes the prompt, then we swallow what it would print.
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const ask = (q: string) => new Promise<string>((ok) => {
    const out = rl as unknown as { _writeToOutput: (s: string) => void };
    out._writeToOutput = (s: string) => { if (s.startsWith(q)) process.stdout.write(q); };
    rl.question(q, (a) => { process.stdout.write('\n'); ok(a); });
  });
  const a = await ask('Kata sandi / password: ');
  const b = await ask('Ulangi / repeat: ');
  rl.close();
  if (a !== b) throw new Error('the passwords differ / kata sandi tidak sama');
  return a;
}

async function main(): Promise<number> {
  const { values: v } = parseArgs({
    options: {
      nip: { type: 'string' }, name: { type: 'string' }, role: { type: 'string', multiple: true },
      jabatan: { type: 'string' }, instansi: { type: 'string' },
      venue: { type: 'string', multiple: true }, region: { type: 'string', multiple: true }, national: { type: 'boolean', default: false },
      db: { type: 'string' }
    }
  });
  const cfg = loadConfig({ dbFile: v.db ?? process.env.DB_FILE ?? undefined });
  const db = openDb(cfg.dbFile);
  try {
    const venues = listVenues(db);
    const scopes: ScopeInput[] = [];
    if (v.national) scopes.push({ kind: 'all' });
    for (const r of v.region ?? []) scopes.push({ kind: 'region', region: r });
    for (const code of v.venue ?? []) {
      const venue = venues.find((x) => x.code === code);
      if (!venue) throw new Error(`no venue with code ${code}; known: ${venues.map((x) => x.code).join(', ') || 'none'}`);
      scopes.push({ kind: 'venue', venueId: venue.id });
    }
    const password = await readPassword();
    const input = userCreateSchema.safeParse({ nip: v.nip, name: v.name, jabatan: v.jabatan ?? null, instansi: v.instansi ?? null, roles: v.role ?? [], scopes, password });
    if (!input.success) {
      for (const i of input.error.issues) console.error(`${i.path.join('.') || 'input'}: ${i.message}`);
      return 2;
    }
    const problem = passwordProblem(password, input.data.nip);
    if (problem) throw new Error(say(problem, 'en'));
    if (findUserByNip(db, input.data.nip)) throw new Error(`a user with NIP ${input.data.nip} already exists`);
    const passwordHash = await hashPassword(password, cfg.argon2);
    const now = Date.now();
    const id = db.transaction(() => {
      const id = insertUser(db, { ...input.data, passwordHash }, now);
      const { password: _p, ...after } = input.data;
      appendAudit(db, { kind: 'system' }, { action: 'user.created', targetType: 'user', targetId: id, after: { ...after, via: 'cli' }, at: now });
      return id;
    });
    console.log(`user ${id} created: ${input.data.nip} ${input.data.name} (${input.data.roles.join(', ')})`);
    return 0;
  } catch (e) {
    console.error((e as Error).message);
    return 1;
  } finally {
    db.$client.close();
  }
}

process.exitCode = await main();
