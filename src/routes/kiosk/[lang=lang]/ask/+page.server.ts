import { error, fail } from '@sveltejs/kit';
import { renderSVG } from 'uqr';
import { askQuestion } from '$lib/server/questions';
import { sendQuestionMail } from '$lib/server/questions/messages';
import { linkSecret } from '$lib/server/http/env';
import { formValues } from '$lib/server/http/forms';
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
			return fail(429, {
				errors: {} as Record<string, string>,
				values,
				code: 'rate_limited' as const
			});
		const input = check(QuestionInput, { ...values, language: params.lang });
		if (!input.ok) return fail(400, { errors: input.errors, values, code: null });
		const secret = linkSecret(platform);
		const result = await askQuestion(locals.db, kiosk.slug, input.data, {
			madeBy: 'kiosk',
			linkSecret: secret,
			now: locals.now
		});
		if (!result.ok) error(404, 'school_not_found');
		await sendQuestionMail(
			locals.db,
			locals.mailer,
			'question_received',
			result.id,
			url.origin,
			secret
		);
		return {
			done: { reference: result.reference },
			qr: renderSVG(`${url.origin}/${params.lang}/question/${result.accessToken}`, { border: 1 })
		};
	}
} satisfies Actions;
