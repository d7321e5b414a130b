import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect, type BrowserContext, type Page } from '@playwright/test';

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const axeSource = readFileSync(
	createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
	'utf8'
);

/**
 * Loads axe-core into every page of the context as it opens. Injecting it per scan (as
 * @axe-core/playwright does) compiles half a megabyte of script each time: three to four times
 * slower over a hundred scans.
 */
export async function withAxe(context: BrowserContext) {
	await context.addInitScript({ content: axeSource });
}

/**
 * The WCAG 2.2 A and AA violations axe finds on the page, one line per rule and element. A page
 * of a context without `withAxe` gets axe now: evaluated once, not per frame with a second page
 * for the results, as @axe-core/playwright does (seconds per scan on this machine).
 */
export async function axeViolations(page: Page): Promise<string[]> {
	// A page reached by a click or a redirect may still be loading its stylesheets: axe would judge
	// it without its styles (contrast, target sizes) where no browser shows it so. The load event
	// comes once every stylesheet is in.
	await page.waitForLoadState('load');
	const where = new URL(page.url()).pathname + new URL(page.url()).search;
	if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
	const found = await page.evaluate(async (tags) => {
		type Axe = {
			run(
				context: Document,
				options: object
			): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }>;
		};
		const { violations } = await (window as unknown as { axe: Axe }).axe.run(document, {
			runOnly: { type: 'tag', values: tags },
			resultTypes: ['violations']
		});
		return violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
	}, WCAG);
	return found.map((line) => `${where} ${line}`);
}

/** Fails the test with axe's findings, if it finds anything. */
export async function expectAxeClean(page: Page) {
	expect(await axeViolations(page)).toEqual([]);
}

/**
 * Checks that axe does not make, run inside the page. `checks` is sent to the browser as source
 * text, so it must not use anything from outside its own body.
 */
function checks() {
	type Rgba = [number, number, number, number];

	function parse(color: string): Rgba {
		const parts = color.match(/[\d.]+/g)?.map(Number) ?? [0, 0, 0, 0];
		return [parts[0], parts[1], parts[2], parts[3] ?? 1];
	}

	function over(top: Rgba, bottom: Rgba): Rgba {
		const a = top[3];
		return [0, 1, 2].map((i) => top[i] * a + bottom[i] * (1 - a)).concat(1) as Rgba;
	}

	function luminance([r, g, b]: Rgba) {
		const channel = (c: number) => {
			const s = c / 255;
			return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
		};
		return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
	}

	function contrast(a: Rgba, b: Rgba) {
		const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
		return (light + 0.05) / (dark + 0.05);
	}

	/** The colour an element's own background ends up as, over its ancestors' backgrounds. */
	function background(el: Element | null): Rgba {
		const layers: Rgba[] = [];
		for (let node = el; node; node = node.parentElement) {
			const color = parse(getComputedStyle(node).backgroundColor);
			if (color[3] > 0) layers.push(color);
			if (color[3] >= 1) break;
		}
		return layers.reduceRight((below, layer) => over(layer, below), [255, 255, 255, 1] as Rgba);
	}

	/** The background just outside an element's box: what its outline or border is seen against. */
	function backgroundAround(el: Element, distance: number): Rgba {
		const rect = el.getBoundingClientRect();
		const middle = { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
		const points = [
			{ x: rect.left - distance, y: middle.y },
			{ x: rect.right + distance, y: middle.y },
			{ x: middle.x, y: rect.top - distance },
			{ x: middle.x, y: rect.bottom + distance }
		].filter((p) => p.x >= 0 && p.y >= 0 && p.x < innerWidth && p.y < innerHeight);
		for (const p of points) {
			const behind = document.elementsFromPoint(p.x, p.y).find((e) => !el.contains(e));
			if (behind) return background(behind);
		}
		return background(el.parentElement);
	}

	function describe(el: Element) {
		const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 30);
		const id = el.id ? `#${el.id}` : '';
		const classes = [...el.classList]
			.filter((c) => !c.startsWith('s-'))
			.map((c) => `.${c}`)
			.join('');
		return `<${el.tagName.toLowerCase()}${id}${classes}> "${text}"`;
	}

	function visible(el: Element) {
		const rect = el.getBoundingClientRect();
		const style = getComputedStyle(el);
		return (
			rect.width > 1 &&
			rect.height > 1 &&
			style.visibility !== 'hidden' &&
			!el.closest('.visually-hidden')
		);
	}

	/** What is wrong with the focus indicator of the focused element, or null. */
	function focusProblem(): string | null {
		const el = document.activeElement;
		if (!el || el === document.body) return 'nothing has the focus';
		const rect = el.getBoundingClientRect();
		if (rect.width < 2 || rect.height < 2) return `${describe(el)} is too small to see`;
		if (rect.bottom < 0 || rect.top > innerHeight || rect.right < 0 || rect.left > innerWidth)
			return `${describe(el)} is off screen`;
		const style = getComputedStyle(el);
		const width = parseFloat(style.outlineWidth);
		let ring: string;
		if (style.outlineStyle !== 'none' && width >= 2) ring = style.outlineColor;
		else if (style.boxShadow !== 'none') ring = style.boxShadow.match(/rgba?\([^)]*\)/)?.[0] ?? '';
		else return `${describe(el)} shows no focus ring`;
		const behind = backgroundAround(el, parseFloat(style.outlineOffset) + width / 2);
		const ratio = contrast(over(parse(ring), behind), behind);
		if (ratio < 3)
			return `${describe(el)}: focus ring ${ring} has ${ratio.toFixed(2)}:1 against rgb(${behind.slice(0, 3)})`;
		return null;
	}

	/** Whatever sticks out sideways or is cut off; content in a scroll box (a wide table) is reachable. */
	function reflowProblems(): string[] {
		const root = document.scrollingElement!;
		const problems: string[] = [];
		if (root.scrollWidth > root.clientWidth)
			problems.push(`the page scrolls sideways: ${root.scrollWidth} > ${root.clientWidth}`);
		// Elements come parents first: whether one sits in a scroll box is known from its parent.
		const inScrollBox = new Map<Element, boolean>();
		for (const el of document.body.querySelectorAll('*')) {
			const parent = el.parentElement!;
			const overflow = getComputedStyle(parent).overflowX;
			const scrollBox =
				(inScrollBox.get(parent) ?? false) || overflow === 'auto' || overflow === 'scroll';
			inScrollBox.set(el, scrollBox);
			if (!visible(el) || el.closest('svg')) continue;
			const rect = el.getBoundingClientRect();
			if (!scrollBox && (rect.right > root.clientWidth + 1 || rect.left < -1))
				problems.push(
					`${describe(el)} sticks out (${Math.round(rect.left)}–${Math.round(rect.right)})`
				);
			const style = getComputedStyle(el);
			if (
				['hidden', 'clip'].includes(style.overflowX) &&
				el.scrollWidth > el.clientWidth + 1 &&
				!['INPUT', 'SELECT', 'TEXTAREA'].includes(el.tagName)
			)
				problems.push(`${describe(el)} is cut off`);
		}
		return problems;
	}

	/** Controls, fields, cards and icons that would vanish in forced colours (high contrast). */
	function forcedColorProblems(): string[] {
		const problems: string[] = [];
		const edge = (el: Element) => {
			const s = getComputedStyle(el);
			const behind = backgroundAround(el, 1);
			return ['top', 'right', 'bottom', 'left'].some(
				(side) =>
					parseFloat(s.getPropertyValue(`border-${side}-width`)) >= 1 &&
					s.getPropertyValue(`border-${side}-style`) !== 'none' &&
					contrast(over(parse(s.getPropertyValue(`border-${side}-color`)), behind), behind) >= 3
			);
		};
		const selector =
			'a, button, summary, .button, input:not([type=hidden]):not([type=checkbox]):not([type=radio]), select, textarea, .card, .chosen';
		for (const el of document.querySelectorAll(selector)) {
			if (!visible(el)) continue;
			const s = getComputedStyle(el);
			const text = contrast(over(parse(s.color), background(el)), background(el));
			if (el.matches('a:not(.button)')) {
				if (text < 4.5) problems.push(`${describe(el)}: link text ${text.toFixed(2)}:1`);
			} else if (el.matches('button, .button, summary')) {
				if (!edge(el) && !s.textDecorationLine.includes('underline'))
					problems.push(`${describe(el)}: a button without a visible edge`);
			} else if (!edge(el)) {
				problems.push(`${describe(el)}: no visible border`);
			}
		}
		// Icons draw in the text colour (currentColor), so they follow the forced colours.
		for (const svg of document.querySelectorAll('svg')) {
			if (!visible(svg) || svg.closest('.brand')) continue;
			const color = getComputedStyle(svg).color;
			for (const shape of svg.querySelectorAll('path, circle, rect, line, polyline')) {
				const s = getComputedStyle(shape);
				for (const paint of [s.stroke, s.fill])
					if (paint !== 'none' && paint !== color)
						problems.push(`an icon in ${describe(svg.parentElement!)} paints in ${paint}`);
			}
		}
		// A current item (language, menu) differs from the others by more than its weight.
		for (const current of document.querySelectorAll('[aria-current]')) {
			if (!visible(current)) continue;
			const other = [...(current.closest('ul')?.querySelectorAll('a') ?? [])].find(
				(a) => !a.hasAttribute('aria-current') && visible(a)
			);
			if (!other) continue;
			const look = (el: Element) => {
				const s = getComputedStyle(el);
				return [
					s.borderTopWidth + s.borderTopColor,
					s.borderBottomWidth + s.borderBottomColor,
					s.borderLeftWidth + s.borderLeftColor,
					s.borderRightWidth + s.borderRightColor,
					s.outlineStyle + s.outlineColor,
					s.textDecorationLine,
					background(el).join(),
					s.color
				].join();
			};
			if (look(current) === look(other))
				problems.push(`${describe(current)} looks like the other items in forced colours`);
		}
		return problems;
	}

	/** Animations and transitions that still run when the person asked for reduced motion. */
	function motionProblems(): string[] {
		const problems: string[] = [];
		const seconds = (list: string) =>
			Math.max(
				...list.split(',').map((t) => parseFloat(t) * (t.trim().endsWith('ms') ? 0.001 : 1))
			);
		for (const el of document.querySelectorAll('*')) {
			for (const pseudo of [null, '::before', '::after']) {
				const s = getComputedStyle(el, pseudo);
				if (s.animationName !== 'none' && seconds(s.animationDuration) > 0.01)
					problems.push(`${describe(el)}${pseudo ?? ''} animates for ${s.animationDuration}`);
				if (s.transitionProperty !== 'none' && seconds(s.transitionDuration) > 0.01)
					problems.push(`${describe(el)}${pseudo ?? ''} transitions for ${s.transitionDuration}`);
			}
		}
		for (const animation of document.getAnimations()) {
			const duration = animation.effect?.getComputedTiming().duration;
			if (typeof duration === 'number' && duration > 10)
				problems.push(`an animation of ${duration} ms runs`);
		}
		if (getComputedStyle(document.documentElement).scrollBehavior === 'smooth')
			problems.push('the page scrolls smoothly');
		return problems;
	}

	return { focusProblem, reflowProblems, forcedColorProblems, motionProblems };
}

type Checks = ReturnType<typeof checks>;

/** Runs one of the checks in the page, on what the next frame shows, and returns its finding. */
export async function check<K extends keyof Checks>(
	page: Page,
	name: K
): Promise<ReturnType<Checks[K]>> {
	await page.evaluate(() => new Promise(requestAnimationFrame));
	return page.evaluate(`(${checks.toString()})().${name}()`);
}
