/** A question's parent as the notifier sees them (../notify), and "the answer is ready". */
import { eq } from 'drizzle-orm';
import { organisations, questions, schools } from '../db/schema.ts';
import { languageOf, notifyParent, type Notifier, type Recipient } from '../notify/index.ts';
import { questionToken } from './index.ts';
import { sendQuestionMail } from './messages.ts';

/** The parent of a question, with the link to its private page; null without a link key. */
export async function questionRecipient(
	n: Notifier,
	questionId: number
): Promise<Recipient | null> {
	const [row] = await n.db
		.select({
			id: questions.id,
			firstName: questions.firstName,
			email: questions.email,
			phone: questions.phone,
			language: questions.language,
			linkKey: questions.linkKey,
			school: schools.name,
			organisation: organisations.name
		})
		.from(questions)
		.innerJoin(schools, eq(schools.id, questions.schoolId))
		.innerJoin(organisations, eq(organisations.id, schools.organisationId))
		.where(eq(questions.id, questionId));
	if (!row?.linkKey) return null;
	const language = languageOf(row.language);
	return {
		language,
		firstName: row.firstName,
		email: row.email,
		phone: row.phone,
		school: row.school,
		organisation: row.organisation,
		url: `${n.origin}/${language}/question/${await questionToken(n.linkSecret, row.linkKey)}`,
		about: { record: 'question', id: row.id }
	};
}

/** "The answer is ready": the e-mail of ./messages.ts, a text message and push. */
export async function notifyQuestion(n: Notifier, questionId: number, event: 'answered') {
	await sendQuestionMail(n.db, n.mailer, 'question_answered', questionId, n.origin, n.linkSecret);
	const recipient = await questionRecipient(n, questionId);
	if (recipient) await notifyParent(n, recipient, event, { mail: false });
}
