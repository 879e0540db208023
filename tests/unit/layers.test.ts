/**
 * The layers import downward (docs/architecture.md, "Layers"). Reads the import graph of the
 * repository's sources (a regex over the files git knows, tracked or new) and fails on an edge
 * that points the wrong way:
 * - db/ imports only db/, protocol/ and packages (never server/, web/, agent/, demo/);
 * - protocol/ imports only itself and npm packages (no Node built-ins: the dashboard loads it);
 * - production code (server/, web/, db/, protocol/, agent/ except the simulator agent/sim/)
 *   never imports demo/: the demo is wiring around the product, not part of it;
 * - server/domain/ (pure rules) imports no other server/ folder;
 * - server/live/ does not import the layers above it (session/, http/, sockets/, cli/), and
 *   server/session/ not the edge (http/, sockets/) or cli/: each is called from above;
 * - the agent (it runs on station PCs) imports nothing from server/, db/, web/;
 * - web/src/ reads the server through the API and the socket: it imports neither server/ nor
 *   db/ (web/src/lib/server/ would be the one place allowed to; it does not exist today);
 * - web/src/ keeps zod out of the dashboard bundle: no import of protocol/schemas/ or zod, and no
 *   chain of value imports from a web file reaches one (`import type` / `export type` are erased).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { posix } from 'node:path';
import { describe, expect, it } from 'vitest';

type Edge = {
  from: string;
  /** a repository path (resolved to the file when it exists), or `npm:<package>` / `node:<module>` */
  to: string;
  spec: string;
  /** `import type` / `export type` / a type-position `import('…').Name`: erased when compiled */
  typeOnly: boolean;
  line: number;
};

const SOURCE = /\.(ts|mts|js|mjs|cjs|svelte)$/;
const BUILTIN = new Set(builtinModules);
const ALIASES: [string, string][] = [['$protocol', 'protocol'], ['$lib', 'web/src/lib']];

/** `import … from '…'` and `export … from '…'` at the start of a line (the clause may span lines). */
const STATIC = /^[ \t]*(import|export)(\s+type\b)?([^'";()=]*?)\bfrom\s*['"]([^'"]+)['"]/gm;
/** `import '…'`: loaded for its effects */
const BARE = /^[ \t]*import\s*['"]([^'"]+)['"]/gm;
/** `import('…')`; followed by `.Name` (not then/catch/finally) it names a type */
const DYNAMIC = /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)(\s*\.\s*([A-Za-z_$][\w$]*))?/g;

const lineAt = (text: string, index: number) => text.slice(0, index).split('\n').length;

function target(from: string, spec: string, exists: (p: string) => boolean): string {
  if (spec.startsWith('node:')) return spec;
  for (const [alias, dir] of ALIASES) {
    if (spec === alias || spec.startsWith(alias + '/')) return resolveFile(dir + spec.slice(alias.length), exists);
  }
  if (spec.startsWith('.')) return resolveFile(posix.normalize(posix.join(posix.dirname(from), spec)), exists);
  const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
  return BUILTIN.has(pkg) ? `node:${pkg}` : `npm:${pkg}`;
}

function resolveFile(p: string, exists: (p: string) => boolean): string {
  for (const c of [p, `${p}.ts`, `${p}.js`, `${p}.svelte`, `${p}/index.ts`, `${p}/index.js`]) if (exists(c)) return c;
  return p;
}

function importsOf(from: string, text: string, exists: (p: string) => boolean): Edge[] {
  const out: Edge[] = [];
  const add = (spec: string, typeOnly: boolean, index: number) =>
    out.push({ from, to: target(from, spec, exists), spec, typeOnly, line: lineAt(text, index) });
  for (const m of text.matchAll(STATIC)) add(m[4], m[2] !== undefined, m.index);
  for (const m of text.matchAll(BARE)) add(m[1], false, m.index);
  for (const m of text.matchAll(DYNAMIC)) add(m[1], m[3] !== undefined && !['then', 'catch', 'finally'].includes(m[3]), m.index);
  return out;
}

const under = (p: string, ...dirs: string[]) => dirs.some((d) => p === d || p.startsWith(d + '/'));
const isPackage = (to: string) => to.startsWith('npm:');
const isBuiltin = (to: string) => to.startsWith('node:');

/** One message per edge that breaks a rule of the header. */
function violations(edges: Edge[]): string[] {
  const out: string[] = [];
  const bad = (e: Edge, why: string) => out.push(`${e.from}:${e.line} imports '${e.spec}' (${e.to}): ${why}`);
  for (const e of edges) {
    const { from, to } = e;
    if (under(from, 'db') && !(under(to, 'db', 'protocol') || isPackage(to) || isBuiltin(to))) {
      bad(e, 'db/ imports only db/, protocol/ and packages');
    }
    if (under(from, 'protocol') && !(under(to, 'protocol') || isPackage(to))) {
      bad(e, 'protocol/ imports only itself and npm packages (the dashboard loads it: no Node built-ins)');
    }
    const production = under(from, 'server', 'web', 'db', 'protocol', 'agent') && !under(from, 'agent/sim');
    if (production && under(to, 'demo')) bad(e, 'production code never imports the demo');
    if (under(from, 'server/domain') && under(to, 'server') && !under(to, 'server/domain')) bad(e, 'the domain rules are pure: no other server/ folder');
    if (under(from, 'server/live') && under(to, 'server/session', 'server/http', 'server/sockets', 'server/cli')) {
      bad(e, 'the live hub does not import the layers above it; they call down into it');
    }
    if (under(from, 'server/session') && under(to, 'server/http', 'server/sockets', 'server/cli')) bad(e, 'the edge calls the session services, not the other way round');
    if (under(from, 'agent') && under(to, 'server', 'db', 'web')) bad(e, 'the agent talks to the server over the network only');
    if (under(from, 'web/src') && !under(from, 'web/src/lib/server') && under(to, 'server', 'db')) {
      bad(e, 'the dashboard reads the server through the API and the socket (only web/src/lib/server/ may import server/ or db/)');
    }
    if (under(from, 'web/src') && under(to, 'agent', 'demo', 'tests', 'scripts')) bad(e, 'the dashboard imports none of these');
    if (under(from, 'web/src') && (under(to, 'protocol/schemas') || to === 'npm:zod')) {
      bad(e, 'zod stays out of the dashboard bundle: the web imports types and constants from $protocol');
    }
  }
  return out;
}

/** Value-import chains from web/src/ to protocol/schemas/ or to zod (what would put zod in the bundle). */
function zodReach(edges: Edge[]): string[] {
  const next = new Map<string, Edge[]>();
  for (const e of edges) if (!e.typeOnly) next.set(e.from, [...(next.get(e.from) ?? []), e]);
  const out: string[] = [];
  const seen = new Set<string>();
  const queue: string[][] = [...next.keys()].filter((f) => under(f, 'web/src')).map((f) => [f]);
  for (const f of queue) seen.add(f[0]);
  while (queue.length) {
    const chain = queue.shift()!;
    for (const e of next.get(chain.at(-1)!) ?? []) {
      if (under(e.to, 'protocol/schemas') || e.to === 'npm:zod') out.push([...chain, e.to].join(' → '));
      else if (!seen.has(e.to) && !isPackage(e.to) && !isBuiltin(e.to)) {
        seen.add(e.to);
        queue.push([...chain, e.to]);
      }
    }
  }
  return out;
}

function repoGraph(): { files: string[]; edges: Edge[] } {
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const exists = (p: string) => existsSync(p) && statSync(p).isFile();
  const files = [...new Set(listed.split('\0'))].filter((f) => SOURCE.test(f) && exists(f));
  return { files, edges: files.flatMap((f) => importsOf(f, readFileSync(f, 'utf8'), exists)) };
}

describe('the import graph reader', () => {
  const known = new Set(['protocol/index.ts', 'protocol/schemas/index.ts', 'web/src/lib/api.ts', 'db/client.ts']);
  const exists = (p: string) => known.has(p);

  it('sees every form of import, and which ones are erased', () => {
    const text = [
      "import { a, type B } from '../../../protocol/index.ts';",
      'import type { C } from "../../../db/client.ts";',
      'import {',
      '  d,',
      '  e',
      "} from '$lib/api.ts';",
      "export * from './x.ts';",
      "export type * from './y.ts';",
      "import './side-effect.ts';",
      "const m = await import('./lazy.ts');",
      "type R = import('$protocol').Role;",
      "import('./later.ts').then((x) => x);",
      "import { z } from 'zod';",
      "import { readFileSync } from 'fs';",
      "import { kit } from '@sveltejs/kit/vite';",
      "// import { gone } from '../../server/app.ts';",
      " * import { gone } from '../../server/app.ts';",
      "const s = 'import x from \"../../server/app.ts\"';"
    ].join('\n');
    const edges = importsOf('web/src/routes/page.ts', text, exists).map(({ to, typeOnly, line }) => ({ to, typeOnly, line }));
    expect(edges).toEqual(expect.arrayContaining([
      { to: 'protocol/index.ts', typeOnly: false, line: 1 },
      { to: 'db/client.ts', typeOnly: true, line: 2 },
      { to: 'web/src/lib/api.ts', typeOnly: false, line: 3 },
      { to: 'web/src/routes/x.ts', typeOnly: false, line: 7 },
      { to: 'web/src/routes/y.ts', typeOnly: true, line: 8 },
      { to: 'web/src/routes/side-effect.ts', typeOnly: false, line: 9 },
      { to: 'web/src/routes/lazy.ts', typeOnly: false, line: 10 },
      { to: 'protocol/index.ts', typeOnly: true, line: 11 },
      { to: 'web/src/routes/later.ts', typeOnly: false, line: 12 },
      { to: 'npm:zod', typeOnly: false, line: 13 },
      { to: 'node:fs', typeOnly: false, line: 14 },
      { to: 'npm:@sveltejs/kit', typeOnly: false, line: 15 }
    ]));
    // commented-out imports and imports inside strings are not edges
    expect(edges).toHaveLength(12);
  });

  it('each rule catches its breach and lets the allowed edges through', () => {
    const edge = (from: string, spec: string, typeOnly = false) => importsOf(from, `${typeOnly ? 'import type' : 'import'} { x } from '${spec}';`, exists)[0];
    const breaches = [
      edge('db/queries/pins.ts', '../../server/domain/pin-rules.ts', true),
      edge('db/seed.ts', '../demo/seed.ts'),
      edge('db/queries/x.ts', '../../web/src/lib/api.ts'),
      edge('db/queries/x.ts', '../../agent/sim/simulator.ts'),
      edge('protocol/session.ts', '../server/config.ts'),
      edge('protocol/session.ts', 'node:crypto'),
      edge('server/http/auth.routes.ts', '../../demo/seed-accounts.ts'),
      edge('agent/cli.ts', '../demo/main.ts'),
      edge('server/live/room-hub.ts', '../session/summary.ts'),
      edge('server/live/room-hub.ts', '../http/errors.ts'),
      edge('server/domain/pin-rules.ts', '../live/room-hub.ts'),
      edge('server/session/pin.service.ts', '../http/errors.ts'),
      edge('server/session/pin.service.ts', '../sockets/validate.ts'),
      edge('agent/station-agent.ts', '../server/config.ts'),
      edge('web/src/routes/+page.svelte', '../../../server/config.ts', true),
      edge('web/src/lib/api.ts', '../../../db/client.ts'),
      edge('web/src/lib/api.ts', '$protocol/schemas/index.ts', true),
      edge('web/src/lib/api.ts', 'zod')
    ];
    for (const e of breaches) expect(violations([e]), `${e.from} → ${e.spec}`).not.toEqual([]);
    const allowed = [
      edge('db/queries/audit.ts', '../audit-chain.ts'),
      edge('db/queries/audit.ts', '../../protocol/index.ts'),
      edge('db/client.ts', 'drizzle-orm'),
      edge('db/client.ts', 'node:fs'),
      edge('protocol/schemas/session.ts', 'zod'),
      edge('demo/main.ts', '../server/app.ts'),
      edge('demo/main.ts', '../agent/sim/simulator.ts'),
      edge('agent/sim/simulator.ts', '../../demo/seed.ts'),
      edge('server/session/lifecycle.service.ts', '../live/session-summary.ts'),
      edge('server/live/room-hub.ts', '../domain/progress.ts'),
      edge('server/domain/audit-chain.ts', '../../db/audit-chain.ts'),
      edge('server/domain/pin-rules.ts', './test-window.ts'),
      edge('server/session/pin.service.ts', '../live/room-hub.ts'),
      edge('server/http/sessions.routes.ts', '../session/pin.service.ts'),
      edge('web/src/lib/server/db.ts', '../../../../db/client.ts'),
      edge('web/src/lib/api.ts', '$protocol'),
      edge('tests/helpers/server.ts', '../../demo/seed.ts')
    ];
    expect(violations(allowed)).toEqual([]);
  });

  it('follows value imports from the web to zod, and not type-only ones', () => {
    const files: Record<string, string> = {
      'web/src/lib/api.ts': "import { ROLES } from '$protocol/index.ts';\nimport type { X } from '$protocol/schemas/index.ts';",
      'protocol/index.ts': "export * from './roles.ts';\nexport type * from './schemas/index.ts';",
      'protocol/roles.ts': "import { loginSchema } from './schemas/index.ts';",
      'protocol/schemas/index.ts': "import { z } from 'zod';"
    };
    const has = (p: string) => p in files || known.has(p);
    const edges = Object.entries(files).flatMap(([f, t]) => importsOf(f, t, has));
    expect(zodReach(edges)).toEqual(['web/src/lib/api.ts → protocol/index.ts → protocol/roles.ts → protocol/schemas/index.ts']);
  });
});

describe('the repository', () => {
  const { files, edges } = repoGraph();

  it('is read whole: sources of every layer, and edges known to exist', () => {
    for (const dir of ['protocol', 'db', 'server', 'web/src', 'agent', 'demo']) expect(files.some((f) => under(f, dir))).toBe(true);
    expect(edges.length).toBeGreaterThan(500);
    const has = (from: string, to: string) => edges.some((e) => e.from === from && e.to === to);
    expect(has('server/live/room-hub.ts', 'server/live/session-summary.ts')).toBe(true);
    expect(has('demo/main.ts', 'agent/sim/simulator.ts')).toBe(true);
    expect(has('db/queries/audit.ts', 'db/audit-chain.ts')).toBe(true);
  });

  it('has no import pointing up a layer', () => {
    expect(violations(edges)).toEqual([]);
  });

  it('keeps zod out of the dashboard: no web file reaches protocol/schemas or zod by value imports', () => {
    expect(zodReach(edges)).toEqual([]);
  });
});
