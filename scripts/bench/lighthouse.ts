/**
 * Lighthouse with its default (mobile) settings: a Moto G Power sized screen, simulated slow 4G
 * and a 4× slower CPU. One headless Chromium (/usr/bin/chromium unless CHROME_PATH says otherwise)
 * serves every page; nothing leaves the machine. Each page is measured five times and the median
 * run counts (Lighthouse's own `computeMedianRun`, as Lighthouse CI does): on a shared 2-core
 * machine one run's blocking time can vary several-fold with what the host does at that moment.
 */
import { launch } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { computeMedianRun } from 'lighthouse/core/lib/median-run.js';

const RUNS = 5;

type Report = NonNullable<Awaited<ReturnType<typeof lighthouse>>>['lhr'];

export const CATEGORIES = ['performance', 'accessibility', 'best-practices'] as const;
export type Category = (typeof CATEGORIES)[number];

export type LighthouseResult = {
	name: string;
	path: string;
	scores: Record<Category, number>;
	/** The audits that cost points, for whoever has to fix them. */
	failing: { id: string; title: string; score: number | null; category: Category }[];
	metrics: { fcp: number; lcp: number; tbt: number; cls: number };
	/** Why Lighthouse could not measure the page (it failed twice in a row). */
	failed?: string;
};

/**
 * One Lighthouse run of a page. A run that fails (Lighthouse throws, or its report names a
 * runtime error such as a page that did not load) says why and runs once more; a second failure
 * fails the page's budgets with both reasons. Nothing is retried or skipped without a word.
 */
async function runOnce(origin: string, path: string, port: number): Promise<Report> {
	const reasons: string[] = [];
	for (let attempt = 1; attempt <= 2; attempt++) {
		try {
			const run = await lighthouse(new URL(path, origin).href, {
				port,
				output: 'json',
				logLevel: 'error',
				onlyCategories: [...CATEGORIES]
			});
			if (!run) throw new Error('no result');
			if (run.lhr.runtimeError) {
				throw new Error(`${run.lhr.runtimeError.code}: ${run.lhr.runtimeError.message}`);
			}
			return run.lhr;
		} catch (error) {
			const reason = error instanceof Error ? error.message : String(error);
			reasons.push(reason);
			console.log(
				`Lighthouse run of ${path} failed (${reason})${attempt === 1 ? '; once more' : ''}`
			);
		}
	}
	throw new Error(`Lighthouse failed twice for ${path}: ${reasons.join('; ')}`);
}

export async function runLighthouse(
	origin: string,
	pages: { name: string; path: string }[]
): Promise<LighthouseResult[]> {
	const chrome = await launch({
		chromePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
		chromeFlags: [
			'--headless=new',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--no-first-run'
		]
	});
	try {
		const results: LighthouseResult[] = [];
		for (const page of pages) {
			const runs: Report[] = [];
			let failed: string | null = null;
			for (let i = 0; i < RUNS && !failed; i++) {
				try {
					runs.push(await runOnce(origin, page.path, chrome.port));
				} catch (error) {
					failed = error instanceof Error ? error.message : String(error);
				}
			}
			// Failed twice: the page's scores are 0 and the budgets say so, with the reason; the rest
			// of the bench still runs.
			if (failed) {
				results.push({
					...page,
					scores: { performance: 0, accessibility: 0, 'best-practices': 0 },
					failing: [],
					failed,
					metrics: { fcp: 0, lcp: 0, tbt: 0, cls: 0 }
				});
				continue;
			}
			// Typed loosely in Lighthouse's declarations: the median is one of the runs given.
			const { categories, audits } = computeMedianRun(runs) as Report;
			const failing = CATEGORIES.flatMap((category) =>
				categories[category].auditRefs
					.filter((ref) => ref.weight > 0)
					.map((ref) => audits[ref.id])
					.filter((audit) => audit.score !== null && audit.score < 1)
					.map((audit) => ({ id: audit.id, title: audit.title, score: audit.score, category }))
			);
			const metric = (id: string) => Math.round(audits[id]?.numericValue ?? 0);
			results.push({
				...page,
				scores: Object.fromEntries(
					CATEGORIES.map((c) => [c, Math.round((categories[c].score ?? 0) * 100)])
				) as Record<Category, number>,
				failing,
				metrics: {
					fcp: metric('first-contentful-paint'),
					lcp: metric('largest-contentful-paint'),
					tbt: metric('total-blocking-time'),
					cls: Math.round((audits['cumulative-layout-shift']?.numericValue ?? 0) * 1000) / 1000
				}
			});
		}
		return results;
	} finally {
		chrome.kill();
	}
}
