/**
 * Writes the API's OpenAPI document (generated from its routes and validators, as the worker
 * serves it) to .wrangler/openapi.json and lints it with Redocly's recommended rules, offline.
 * Any error fails; warnings are shown.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createConfig, lint, formatProblems, BaseResolver } from '@redocly/openapi-core';
import { createServer } from 'vite';

// Vite loads the module as the build does (import.meta.glob for the translations, $lib).
const vite = await createServer({
	configFile: false,
	logLevel: 'error',
	server: { middlewareMode: true, hmr: false, watch: null },
	appType: 'custom',
	resolve: { alias: { $lib: new URL('../src/lib', import.meta.url).pathname } },
	optimizeDeps: { noDiscovery: true }
});
const { openApiDocument } = await vite.ssrLoadModule('/src/lib/server/api/openapi.ts');
await vite.close();
const file = '.wrangler/openapi.json';
mkdirSync('.wrangler', { recursive: true });
writeFileSync(file, JSON.stringify(openApiDocument('https://inloop.example.nl'), null, 2));
const config = await createConfig({ extends: ['recommended'] });
const problems = await lint({ ref: file, config, externalRefResolver: new BaseResolver() });
const errors = problems.filter((p) => p.severity === 'error');
formatProblems(problems, {
	format: 'stylish',
	totals: { errors: errors.length, warnings: problems.length - errors.length, ignored: 0 },
	version: 'recommended',
	maxProblems: 100
});
console.log(`${file}: ${errors.length} errors, ${problems.length - errors.length} warnings`);
process.exit(errors.length ? 1 : 0);
