/**
 * Reading a page aloud with the device's own speech synthesis: nothing is sent anywhere and no
 * audio is downloaded. Only where the device has a voice for the language; the buttons stay hidden
 * otherwise (and without JavaScript), so a parent never meets a button that does nothing.
 */

/** The device's voice for a language ('ar' finds 'ar-SA'), if it has one. */
export function voiceFor(lang: string): SpeechSynthesisVoice | undefined {
	if (typeof speechSynthesis === 'undefined') return undefined;
	const wanted = lang.toLowerCase();
	return speechSynthesis
		.getVoices()
		.find((voice) => new RegExp(`^${wanted}(?:[-_]|$)`).test(voice.lang.toLowerCase()));
}

/**
 * Calls `found` as soon as the device has a voice for the language (voices often arrive a moment
 * after the page, with 'voiceschanged'). Returns the clean-up.
 */
export function whenVoice(lang: () => string, found: (yes: boolean) => void): () => void {
	if (typeof speechSynthesis === 'undefined') return () => {};
	const check = () => found(voiceFor(lang()) !== undefined);
	check();
	speechSynthesis.addEventListener('voiceschanged', check);
	return () => speechSynthesis.removeEventListener('voiceschanged', check);
}

/** What counts as one piece to read and to highlight: a heading, a paragraph, an item. */
const BLOCKS = 'h1, h2, h3, h4, p, li, dt, dd, legend, label, summary, th, td';

/** The blocks of a part of the page as a reader sees them: visible, with text, each once. */
export function blocksIn(root: Element): HTMLElement[] {
	return [...root.querySelectorAll<HTMLElement>(BLOCKS)].filter(
		(el) =>
			!el.querySelector(BLOCKS) &&
			!el.closest('[hidden], [aria-hidden="true"], [data-read-aloud-skip], noscript') &&
			el.getClientRects().length > 0 &&
			el.innerText.trim() !== ''
	);
}

/** The language a block is written in: its own `lang`, else the page's. */
const languageOf = (el: Element, fallback: string) =>
	el.closest('[lang]')?.getAttribute('lang') ?? fallback;

/**
 * Reads the blocks one after another, each in its own language with that language's voice
 * (a block with no voice on the device is passed over). `onBlock` gets the block being read, and
 * null at the end. Returns a stop function.
 */
export function readAloud(
	blocks: HTMLElement[],
	lang: string,
	onBlock: (block: HTMLElement | null) => void
): () => void {
	let stopped = false;
	let index = 0;
	speechSynthesis.cancel();
	const next = () => {
		if (stopped) return;
		const block = blocks[index++];
		if (!block) {
			stopped = true;
			onBlock(null);
			return;
		}
		const blockLang = languageOf(block, lang);
		const voice = voiceFor(blockLang);
		if (!voice) return next();
		const utterance = new SpeechSynthesisUtterance(block.innerText.trim());
		utterance.lang = blockLang;
		utterance.voice = voice;
		utterance.onend = next;
		// A voice that fails goes on to the next block; a cancel (stop, a new reading) ends here.
		utterance.onerror = (event) => {
			if (event.error !== 'interrupted' && event.error !== 'canceled') next();
		};
		onBlock(block);
		speechSynthesis.speak(utterance);
	};
	next();
	return () => {
		if (stopped) return;
		stopped = true;
		speechSynthesis.cancel();
		onBlock(null);
	};
}

/** Reads one short text (a choice before it is chosen). */
export function say(text: string, lang: string) {
	const voice = voiceFor(lang);
	if (!voice) return;
	speechSynthesis.cancel();
	const utterance = new SpeechSynthesisUtterance(text);
	utterance.lang = lang;
	utterance.voice = voice;
	speechSynthesis.speak(utterance);
}
