/**
 * The environment for the tools the scripts start: our own Node first on the PATH (so wrangler
 * runs on it even when a script is started outside npm), telemetry and the Request.cf download off.
 */
import { dirname, resolve } from 'node:path';

export const toolEnv = {
	...process.env,
	PATH: [dirname(process.execPath), resolve('node_modules/.bin'), process.env.PATH].join(':'),
	WRANGLER_SEND_METRICS: 'false',
	CLOUDFLARE_CF_FETCH_ENABLED: 'false'
};
