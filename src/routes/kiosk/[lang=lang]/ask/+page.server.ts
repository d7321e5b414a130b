import { error } from '@sveltejs/kit';
import { renderSVG } from 'uqr';
import { ask } from '$lib/server/questions/commands';
import { linkSecret } from '$lib/server/http/env';
import { formValues } from '$lib/server/http/forms';
import { formCtx, formFailure, formRefusal } from '$lib/server/http/outcome';
import { invalid } from '$lib/server/outcome';
import { formRateLimited } from '$lib/server/http/limits';
import { check } from '$lib/validation';
import { QuestionInput } from '$lib/validation/questions';
import type { Actions } from './$types';

/**
 * A question at the kiosk: the same rules as on the phone. The answer comes on the private page
 * (the QR code takes it along), by phone, or at the next spreekuur.
 */
export const actions = {
	default: async (event) => {
		const { request, locals, params, platform, url } = event;
		const kiosk = locals.kiosk;
		if (!kiosk) error(404, 'not_found');
		const values = await formValues(request);
		// Counted per tablet, before the input is judged: junk counts too.
		if (await formRateLimited(event, 'question', { device: kiosk.id }))
			return formRefusal('rate_limited', { values });
		const input = check(QuestionInput, { ...values, language: params.lang });
		if (!input.ok) return formFailure(invalid(input.errors).problem, { values });
		const asked = await ask(formCtx(event), linkSecret(platform), kiosk.slug, input.data, 'kiosk');
		if (!asked.ok) return formFailure(asked.problem, { values });
		return {
			done: { reference: asked.value.reference },
			qr: renderSVG(`${url.origin}/${params.lang}/question/${asked.value.accessToken}`, {
				border: 1
			})
		};
	}
} satisfies Actions;
