/**
 * What one page load costs on the wire: the HTML (gzip), the JavaScript and CSS the browser fetches
 * for the first view (gzip, each file on its own as it travels), and the D1 round trips the worker
 * made (from `Server-Timing: d1;desc="N round trips"`, which DB_STATS=on turns on).
 */
import { gzipSync } from 'node:zlib';
import { DEMO_PASSWORD } from '../../src/lib/server/demo/seed.ts';
import { stepAt, totpCode } from '../../src/lib/server/auth/totp.ts';

export type PageResult = {
	name: string;
	path: string;
	status: number;
	skipped?: string;
	htmlBytes: number;
	htmlGzip: number;
	jsGzip: number;
	jsFiles: number;
	cssGzip: number;
	roundTrips: number | null;
};

export const gzipSize = (data: string | Uint8Array) => gzipSync(data).byteLength;

/** The round trips a response reports, or null when it does not say. */
export function roundTripsOf(res: Response): number | null {
	const match = /d1;desc="(\d+) round trips?"/.exec(res.headers.get('server-timing') ?? '');
	return match ? Number(match[1]) : null;
}

/** A tiny cookie jar: enough for one signed-in client. */
export class Cookies {
	private jar = new Map<string, string>();
	take(res: Response) {
		for (const line of res.headers.getSetCookie()) {
			const [pair] = line.split(';');
			const at = pair.indexOf('=');
			this.jar.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
		}
	}
	header(): Record<string, string> {
		if (this.jar.size === 0) return {};
		return { cookie: [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ') };
	}
}

/** Measures one page: the HTML, then every script and style sheet the first view needs. */
export async function measurePage(
	origin: string,
	name: string,
	path: string,
	cookies?: Cookies
): Promise<PageResult> {
	const url = new URL(path, origin);
	// Past the shared cache of public pages: the page itself is measured, with its D1 reads.
	const res = await fetch(url, { headers: { 'cache-control': 'no-cache', ...cookies?.header() } });
	const html = await res.text();
	const base = { name, path, status: res.status, roundTrips: roundTripsOf(res) };
	if (res.status === 404) {
		return {
			...base,
			skipped: 'not present',
			htmlBytes: 0,
			htmlGzip: 0,
			jsGzip: 0,
			jsFiles: 0,
			cssGzip: 0
		};
	}
	if (!res.ok) throw new Error(`${name}: ${path} answered ${res.status}`);

	const { scripts, styles } = firstViewAssets(html, res.headers.get('link') ?? '');
	const js = await fetchModuleGraph(
		scripts.map((s) => new URL(s, url).href),
		cookies
	);
	let cssGzip = 0;
	for (const href of new Set(styles.map((s) => new URL(s, url).href))) {
		cssGzip += gzipSize(await fetchText(href));
	}
	return {
		...base,
		htmlBytes: Buffer.byteLength(html),
		htmlGzip: gzipSize(html),
		jsGzip: [...js.values()].reduce((sum, text) => sum + gzipSize(text), 0),
		jsFiles: js.size,
		cssGzip
	};
}

/**
 * Scripts and style sheets named by the page: <script src>, import("…") in inline scripts,
 * <link rel=modulepreload|stylesheet> and the same in the Link header (where the Cloudflare
 * adapter puts the preloads).
 */
function firstViewAssets(html: string, linkHeader: string) {
	const scripts: string[] = [];
	const styles: string[] = [];
	for (const [, href, params] of linkHeader.matchAll(/<([^>]+)>([^,]*)/g)) {
		if (/rel="?modulepreload/.test(params)) scripts.push(href);
		if (/as="?style/.test(params)) styles.push(href);
	}
	for (const [tag] of html.matchAll(/<link\b[^>]*>/g)) {
		const href = /href="([^"]+)"/.exec(tag)?.[1];
		if (!href) continue;
		if (/rel="modulepreload"/.test(tag)) scripts.push(href);
		if (/rel="stylesheet"/.test(tag)) styles.push(href);
	}
	for (const [, src] of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)) scripts.push(src);
	for (const [, body] of html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)) {
		for (const [, spec] of body.matchAll(/import\(\s*"([^"]+)"\s*\)/g)) scripts.push(spec);
	}
	return { scripts, styles };
}

/** The modules and everything they import statically (what the browser must load to run them). */
async function fetchModuleGraph(entries: string[], cookies?: Cookies) {
	const seen = new Map<string, string>();
	const queue = [...new Set(entries)];
	while (queue.length > 0) {
		const href = queue.shift()!;
		if (seen.has(href)) continue;
		const text = await fetchText(href, cookies);
		seen.set(href, text);
		const imports = [
			...text.matchAll(/\bimport\s*(?:[\w$*{}\s,]+from\s*)?["']([^"']+)["']/g),
			...text.matchAll(/\bexport\s*(?:\*|\{[^}]*\})\s*from\s*["']([^"']+)["']/g)
		];
		for (const [, spec] of imports) {
			if (spec.startsWith('.') || spec.startsWith('/')) queue.push(new URL(spec, href).href);
		}
	}
	return seen;
}

async function fetchText(href: string, cookies?: Cookies) {
	const res = await fetch(href, { headers: { ...cookies?.header() } });
	if (!res.ok) throw new Error(`${href} answered ${res.status}`);
	return res.text();
}

/** Posts a form as a browser would (same origin, wanting HTML), keeping the cookies it gets. */
export async function postForm(
	origin: string,
	cookies: Cookies,
	path: string,
	fields: Record<string, string>
) {
	const res = await fetch(new URL(path, origin), {
		method: 'POST',
		redirect: 'manual',
		headers: {
			origin,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded',
			...cookies.header()
		},
		body: new URLSearchParams(fields)
	});
	cookies.take(res);
	return res;
}

/** Pairs a kiosk with the demo pairing code and returns the tablet's cookies (null: no kiosk yet). */
export async function pairKiosk(origin: string, code: string) {
	const cookies = new Cookies();
	const res = await postForm(origin, cookies, '/kiosk/pair', { code });
	if (res.status === 404) return null;
	if (res.status !== 303) throw new Error(`Pairing the kiosk answered ${res.status}`);
	return cookies;
}

/**
 * Signs a demo account in through the real forms (password, then the TOTP code) and returns its
 * cookies. A code works once, so a rejected one is followed by the next step's.
 */
export async function signIn(origin: string, account: { email: string; totp: string }) {
	const cookies = new Cookies();
	const post = (path: string, fields: Record<string, string>) =>
		postForm(origin, cookies, path, fields);
	await post('/staff/login', { email: account.email, password: DEMO_PASSWORD });
	for (let attempt = 0; attempt < 3; attempt++) {
		const code = await totpCode(account.totp, stepAt(Date.now()) + attempt);
		const res = await post('/staff/login/code', { code });
		if (res.headers.get('location') === '/staff/today') return cookies;
	}
	throw new Error(`Could not sign in as ${account.email}`);
}
