/**
 * Fails when the folders of src/lib/server import each other in a circle. Each folder (and each
 * file directly in src/lib/server) is a room; an import from one room into another is a door that
 * opens one way. A circle of rooms (staff → walkin → staff) means neither can be read, tested or
 * changed without the other, so `npm run lint` refuses it and names the imports that close it.
 *
 *   node scripts/rooms.ts            check, list the circles if any
 *   node scripts/rooms.ts --graph    also print which room imports which
 *
 * Type-only imports count too: a room that needs another's types depends on it all the same.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const SERVER = join(ROOT, 'src/lib/server');
const LIB = join(ROOT, 'src/lib');

function filesUnder(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return filesUnder(path);
		return /\.(ts|js)$/.test(name) && !/\.spec\.ts$/.test(name) ? [path] : [];
	});
}

/** The room of a file in src/lib/server: its first folder, or the file itself (`clock.ts`). */
function roomOf(file: string): string | null {
	const rel = relative(SERVER, file);
	if (rel.startsWith('..')) return null;
	return rel.split(sep)[0];
}

const IMPORT =
	/(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Where an import points, as a path under the project (null for a package). */
function target(from: string, spec: string): string | null {
	if (spec.startsWith('.')) return resolve(dirname(from), spec);
	if (spec === '$lib' || spec.startsWith('$lib/')) return join(LIB, spec.slice('$lib'.length));
	return null;
}

const edges = new Map<string, Map<string, string[]>>();
for (const file of filesUnder(SERVER)) {
	const from = roomOf(file)!;
	const text = readFileSync(file, 'utf8');
	for (const match of text.matchAll(IMPORT)) {
		const path = target(file, match[1] ?? match[2]);
		const to = path && roomOf(path.replace(/(\.ts|\.js)?$/, '.ts'));
		if (!to || to === from) continue;
		const out = edges.get(from) ?? new Map<string, string[]>();
		edges.set(from, out);
		out.set(to, [...(out.get(to) ?? []), relative(ROOT, file)]);
	}
}

/** Strongly connected rooms (Tarjan): every group of two or more is a circle. */
function circles(): string[][] {
	let index = 0;
	const order = new Map<string, number>();
	const low = new Map<string, number>();
	const stack: string[] = [];
	const found: string[][] = [];
	const visit = (room: string) => {
		order.set(room, index);
		low.set(room, index++);
		stack.push(room);
		for (const next of edges.get(room)?.keys() ?? []) {
			if (!order.has(next)) {
				visit(next);
				low.set(room, Math.min(low.get(room)!, low.get(next)!));
			} else if (stack.includes(next)) {
				low.set(room, Math.min(low.get(room)!, order.get(next)!));
			}
		}
		if (low.get(room) === order.get(room)) {
			const group: string[] = [];
			let member: string;
			do {
				member = stack.pop()!;
				group.push(member);
			} while (member !== room);
			if (group.length > 1) found.push(group.sort());
		}
	};
	for (const room of [...edges.keys()].sort()) if (!order.has(room)) visit(room);
	return found;
}

if (process.argv.includes('--graph')) {
	for (const [from, out] of [...edges].sort()) {
		console.log(`${from} → ${[...out.keys()].sort().join(', ')}`);
	}
}

const found = circles();
if (found.length === 0) {
	console.log('rooms: no import circle between the folders of src/lib/server');
} else {
	for (const group of found) {
		console.error(`rooms: these folders of src/lib/server import each other: ${group.join(', ')}`);
		for (const from of group) {
			for (const [to, files] of edges.get(from) ?? []) {
				if (group.includes(to))
					console.error(`  ${from} → ${to}  (${[...new Set(files)].join(', ')})`);
			}
		}
	}
	process.exit(1);
}
