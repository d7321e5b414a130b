/**
 * Read-aloud for the parent pages and the kiosk (issue 19; DESIGN.md "Reading aloud"). One small
 * script, because parent pages send no other JavaScript: it reads the page's main content with the
 * device's own speech synthesis (nothing is sent anywhere, no audio is downloaded), in the page's
 * language, highlighting each block as it reads.
 *
 * The buttons are server-rendered and stay hidden until this script finds a voice for the page's
 * language: it then sets <html data-read-aloud-voice="on">, which the buttons' CSS shows them for.
 * - `[data-read-aloud]`: "Lees voor"; a second tap stops. Leaving the page (a link, a form, the
 *   back button, closing) stops too.
 * - `[data-say="text"]`: a speaker beside a kiosk choice; says the text before it is chosen.
 */
(() => {
	const synth = window.speechSynthesis;
	if (!synth) return;
	const root = document.documentElement;
	/** What counts as one piece to read and to highlight. */
	const BLOCKS = 'h1, h2, h3, h4, p, li, dt, dd, legend, label, summary, th, td';
	/** @type {(() => void) | null} */
	let stopReading = null;

	/** The device's voice for a language ('ar' finds 'ar-SA'). @param {string} lang */
	const voiceFor = (lang) => {
		const wanted = lang.toLowerCase();
		return synth.getVoices().find((voice) => {
			const have = voice.lang.toLowerCase().replace('_', '-');
			return have === wanted || have.startsWith(`${wanted}-`);
		});
	};

	/** The language a block is written in: its own `lang`, else the page's. @param {Element} el */
	const languageOf = (el) => el.closest('[lang]')?.getAttribute('lang') ?? root.lang;

	/** @param {string} text @param {string} lang */
	const utterance = (text, lang) => {
		const spoken = new SpeechSynthesisUtterance(text);
		spoken.lang = lang;
		spoken.voice = voiceFor(lang) ?? null;
		return spoken;
	};

	/** The visible blocks of the main content, each once (the innermost). @param {Element} main */
	const blocksIn = (main) =>
		/** @type {HTMLElement[]} */ ([...main.querySelectorAll(BLOCKS)]).filter(
			(el) =>
				!el.querySelector(BLOCKS) &&
				!el.closest('[hidden], [aria-hidden="true"], noscript') &&
				el.getClientRects().length > 0 &&
				el.innerText.trim() !== '' &&
				voiceFor(languageOf(el)) !== undefined
		);

	/** @param {boolean} on */
	const pressed = (on) => {
		for (const button of document.querySelectorAll('[data-read-aloud]')) {
			button.setAttribute('aria-pressed', String(on));
		}
	};

	const stop = () => {
		const running = stopReading;
		stopReading = null;
		running?.();
	};

	function read() {
		const main = document.querySelector('main');
		if (!main) return;
		const blocks = blocksIn(main);
		/** @type {HTMLElement | null} */
		let current = null;
		let index = 0;
		let stopped = false;
		/** @param {HTMLElement | null} block */
		const highlight = (block) => {
			current?.removeAttribute('data-reading');
			current = block;
			if (!block) return;
			block.setAttribute('data-reading', '');
			block.scrollIntoView({ block: 'nearest' });
		};
		const end = () => {
			stopped = true;
			highlight(null);
			pressed(false);
			stopReading = null;
		};
		const next = () => {
			if (stopped) return;
			const block = blocks[index++];
			if (!block) return end();
			const spoken = utterance(block.innerText.trim(), languageOf(block));
			spoken.onend = next;
			// A voice that fails goes on with the next block; a cancel (a stop) ends here.
			spoken.onerror = (event) => {
				if (event.error !== 'interrupted' && event.error !== 'canceled') next();
			};
			highlight(block);
			synth.speak(spoken);
		};
		synth.cancel();
		pressed(true);
		stopReading = () => {
			end();
			synth.cancel();
		};
		next();
	}

	/** Shows the buttons where the device has a voice for the page's language. */
	const check = () => {
		if (voiceFor(root.lang)) {
			root.dataset.readAloudVoice = 'on';
		} else {
			delete root.dataset.readAloudVoice;
			stop();
		}
	};

	document.addEventListener('click', (event) => {
		const target = event.target instanceof Element ? event.target : null;
		if (!target) return;
		if (target.closest('[data-read-aloud]')) {
			if (stopReading) stop();
			else read();
		} else if (target.closest('[data-say]')) {
			stop();
			synth.cancel();
			synth.speak(
				utterance(target.closest('[data-say]')?.getAttribute('data-say') ?? '', root.lang)
			);
		} else if (target.closest('a[href]')) {
			stop();
		}
	});
	document.addEventListener('submit', stop);
	addEventListener('popstate', stop);
	addEventListener('pagehide', stop);
	synth.addEventListener?.('voiceschanged', check);
	// The kiosk changes language without a page load.
	new MutationObserver(check).observe(root, { attributes: true, attributeFilter: ['lang'] });
	check();
})();
