import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/**
 * Rooms that import one way (STYLE.md): pages and their readers import services, never the reverse;
 * no service imports the API; the access rules import only the database and the session's type.
 * scripts/rooms.ts (also in npm run lint) fails on any import circle between server folders.
 */
const noPages = {
	regex: '(^|/)routes/|(^|/)reader(\\.ts)?$',
	message:
		'src/lib never imports a route or a page reader: readers import services, not the reverse.'
};
const noApi = {
	regex: '^(\\.\\./)+api(/|$)|^\\$lib/server/api(/|$)',
	message: 'Services never import the API: the API calls services.'
};
const accessOnly = {
	regex: '^\\.\\./(?!db/|auth/index)|^\\$lib/(?!server/(db|auth)(/|$))',
	message:
		'The access rules import only db/ and the session type from auth/: every service asks them.'
};
const rooms = (...patterns) => ({
	'no-restricted-imports': ['error', { patterns }]
});

export default ts.config(
	{
		ignores: [
			'node_modules/',
			'.svelte-kit/',
			'.wrangler/',
			'test-results/',
			'playwright-report/',
			'worker-configuration.d.ts'
		]
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } }
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	},
	{
		rules: {
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }
			],
			// Hrefs here are plain server-rendered links; resolve() adds nothing without a base path.
			'svelte/no-navigation-without-resolve': 'off'
		}
	},
	{ files: ['src/lib/**'], rules: rooms(noPages) },
	{
		files: ['src/lib/server/**'],
		ignores: ['src/lib/server/api/**'],
		rules: rooms(noPages, noApi)
	},
	{ files: ['src/lib/server/access/**'], rules: rooms(noPages, noApi, accessOnly) }
);
