/**
 * A parenting question as a parent (page or API) or the kiosk sends it. One schema for the form
 * action, POST /api/v1/schools/{slug}/questions and the browser.
 */
import * as v from 'valibot';
import { LANGUAGES } from '../i18n/languages.ts';
import { AGE_GROUPS, ANSWER_BY, TOPICS } from '../domain/lists.ts';
import {
	consent,
	email,
	firstName,
	flag,
	multilineText,
	optionalField,
	optionalText,
	phone
} from './fields.ts';

export const QuestionInput = v.pipe(
	v.object({
		category: v.picklist(TOPICS, 'required'),
		text: v.pipe(multilineText(2000), v.nonEmpty('required')),
		ageGroup: optionalField(v.picklist(AGE_GROUPS, 'invalid')),
		answerBy: v.picklist(ANSWER_BY, 'required'),
		firstName: optionalField(firstName),
		anonymous: flag,
		phone,
		email,
		language: v.picklist(LANGUAGES, 'invalid'),
		consent
	}),
	v.forward(
		v.check((q) => q.answerBy !== 'call' || Boolean(q.phone), 'required_for_call'),
		['phone']
	),
	v.forward(
		v.check((q) => q.answerBy !== 'email' || Boolean(q.email), 'required_for_email'),
		['email']
	)
);

export type QuestionInput = v.InferOutput<typeof QuestionInput>;

/** A reply by the parent, or an answer by the wijkteam. */
export const MessageInput = v.object({
	body: v.pipe(multilineText(4000), v.nonEmpty('required'))
});

/** The wijkteam's answer, optionally kept as a saved reply under a short title. */
export const AnswerInput = v.object({
	...MessageInput.entries,
	save: flag,
	title: optionalText(80)
});
