/**
 * The environment for the tools the scripts start: our own Node first on the PATH (so wrangler
 * runs on it even when a script is started outside npm), telemetry and the Request.cf download off.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export const toolEnv = {
	...process.env,
	PATH: [dirname(process.execPath), resolve('node_modules/.bin'), process.env.PATH].join(':'),
	WRANGLER_SEND_METRICS: 'false',
	CLOUDFLARE_CF_FETCH_ENABLED: 'false'
};

/**
 * A variable as the local worker sees it: the environment, else `.dev.vars` (which wrangler dev
 * lets override wrangler.toml), else wrangler.toml's [vars]. For values such as TOTP_KEYS that a
 * script must share with the local worker.
 */
export function localVar(name: string): string | undefined {
	if (process.env[name]) return process.env[name];
	const line = new RegExp(`^\\s*${name}\\s*=\\s*"([^"]*)"`, 'm');
	for (const file of ['.dev.vars', 'wrangler.toml']) {
		if (!existsSync(file)) continue;
		const value = line.exec(readFileSync(file, 'utf8'))?.[1];
		if (value !== undefined) return value;
	}
	return undefined;
}
