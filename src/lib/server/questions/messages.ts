/** E-mails about a question, in the parent's language, with their private link. */
import { eq } from 'drizzle-orm';
import type { Db } from '../db/index.ts';
import { organisations, questions, schools } from '../db/schema.ts';
import { translator } from '../../i18n/resources.ts';
import { isLanguage } from '../../i18n/languages.ts';
import type { Mailer } from '../mail/index.ts';
import { recipientColumns } from '../notify/index.ts';
import { questionToken } from './index.ts';

type Kind = 'question_received' | 'question_answered';

/** A question's parent with its school and organisation: what its e-mails and notices name. */
export function questionParent(db: Db, questionId: number) {
	return db
		.select({ ...recipientColumns(questions), reference: questions.reference })
		.from(questions)
		.innerJoin(schools, eq(schools.id, questions.schoolId))
		.innerJoin(organisations, eq(organisations.id, schools.organisationId))
		.where(eq(questions.id, questionId));
}

/**
 * Tells the parent, when they gave an e-mail address, that their question arrived (with the
 * private link to keep) or that the wijkteam answered it.
 */
export async function sendQuestionMail(
	db: Db,
	mailer: Mailer,
	kind: Kind,
	questionId: number,
	origin: string,
	linkSecret: string
) {
	const [q] = await questionParent(db, questionId);
	if (!q?.email || !q.linkKey) return;
	const lang = isLanguage(q.language) ? q.language : 'nl';
	const t = translator(lang);
	await mailer.send({
		to: q.email,
		language: lang,
		kind,
		questionId,
		subject: t(kind === 'question_received' ? 'mail.questionSubject' : 'mail.answerSubject'),
		text: t(kind === 'question_received' ? 'mail.questionBody' : 'mail.answerBody', {
			firstName: q.firstName ?? t('mail.parent'),
			school: q.school,
			reference: q.reference,
			link: `${origin}/${lang}/question/${await questionToken(linkSecret, q.linkKey)}`,
			organisation: q.organisation
		})
	});
}
