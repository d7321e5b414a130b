/** A question's parent as the notifier sees them (../notify), and "the answer is ready". */
import { notifyParent, recipientOf, type Notifier, type Recipient } from '../notify/index.ts';
import { questionToken } from './index.ts';
import { questionParent, sendQuestionMail } from './messages.ts';

/** The parent of a question, with the link to its private page; null without a link key. */
export async function questionRecipient(
	n: Notifier,
	questionId: number
): Promise<Recipient | null> {
	const [row] = await questionParent(n.db, questionId);
	if (!row?.linkKey) return null;
	const page = `question/${await questionToken(n.linkSecret, row.linkKey)}`;
	return recipientOf(n, row, page, { record: 'question', id: row.id });
}

/** "The answer is ready": the e-mail of ./messages.ts, a text message and push. */
export async function notifyQuestion(n: Notifier, questionId: number, event: 'answered') {
	await sendQuestionMail(n.db, n.mailer, 'question_answered', questionId, n.origin, n.linkSecret);
	const recipient = await questionRecipient(n, questionId);
	if (recipient) await notifyParent(n, recipient, event, { mail: false });
}
