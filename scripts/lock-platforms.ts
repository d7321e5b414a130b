/**
 * Records workerd's macOS and Windows binaries in package-lock.json. The npm mirror this project is
 * built on lags behind for those packages, so `npm install` here leaves them out, and `npm ci` then
 * refuses the lockfile as out of sync. Each entry is exactly what npm writes on a full registry,
 * less the integrity hash, so a laptop installs its own binary by version. Run it after every
 * `npm install` that changes package-lock.json: `node scripts/lock-platforms.ts`.
 */
import { readFileSync, writeFileSync } from 'node:fs';

const PLATFORMS: Record<string, { os: string; cpu: string }> = {
	'@cloudflare/workerd-darwin-64': { os: 'darwin', cpu: 'x64' },
	'@cloudflare/workerd-darwin-arm64': { os: 'darwin', cpu: 'arm64' },
	'@cloudflare/workerd-windows-64': { os: 'win32', cpu: 'x64' }
};

type Entry = {
	version: string;
	optionalDependencies?: Record<string, string>;
	[key: string]: unknown;
};
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as {
	packages: Record<string, Entry>;
};
let added = 0;
for (const [path, entry] of Object.entries(lock.packages)) {
	if (!path.endsWith('node_modules/workerd')) continue;
	const parent = path.slice(0, -'workerd'.length);
	for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
		const platform = PLATFORMS[name];
		const key = `${parent}${name}`;
		if (!platform || lock.packages[key]) continue;
		lock.packages[key] = {
			version,
			cpu: [platform.cpu],
			dev: true,
			license: 'Apache-2.0',
			optional: true,
			os: [platform.os],
			engines: { node: '>=16' }
		};
		added++;
	}
}
writeFileSync('package-lock.json', JSON.stringify(lock, null, 2) + '\n');
console.log(`package-lock.json: ${added} platform entries added.`);
