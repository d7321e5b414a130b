import { error } from '@sveltejs/kit';
import { suggestAction } from '$lib/server/meetings/forms';
import type { Language } from '$lib/i18n/languages';
import type { Actions } from './$types';

/** "Waar wilt u meer over weten?" at the kiosk: the same form as the school page's, per tablet. */
export const actions = {
	default: async (event) => {
		const kiosk = event.locals.kiosk;
		if (!kiosk) error(404, 'not_found');
		return suggestAction(event, {
			slug: kiosk.slug,
			lang: event.params.lang as Language,
			madeBy: 'kiosk',
			device: kiosk.id
		});
	}
} satisfies Actions;
