/**
 * What people do with questions, each as one command that does the whole job (the write, the
 * audit entry, the e-mail) and answers one `Outcome`: the parent's pages, the kiosk, the API and
 * the workspace call these.
 */
import type { SessionUser } from '../auth/index.ts';
import { done, refused, type Ctx, type Outcome } from '../outcome.ts';
import type { QuestionInput } from '../../validation/questions.ts';
import { answerQuestion, askQuestion, replyAsParent, saveReply, updateQuestion } from './index.ts';
import { sendQuestionMail } from './messages.ts';
import { notifyQuestion } from './notices.ts';
import { notifyStaff } from '../notify/staff.ts';

export type Asked = { id: number; reference: string; accessToken: string };

/**
 * Stores a parent's question, tells the school's professionals on their phones (content-free, where
 * they turned it on) and, when the parent gave an address, mails them the private link (made from
 * `linkSecret`, the server's secret behind every question link).
 */
export async function ask(
	ctx: Ctx,
	linkSecret: string,
	slug: string,
	input: QuestionInput,
	madeBy: 'parent' | 'kiosk'
): Promise<Outcome<Asked>> {
	const result = await askQuestion(ctx.db, slug, input, { madeBy, linkSecret, now: ctx.now });
	if (!result.ok) return refused(result.code);
	const { ok: _ok, schoolId, ...asked } = result;
	// The school's professionals who turned it on hear that there is a question, nothing more.
	await notifyStaff(ctx.notifier, { event: 'new_question', schoolId });
	if (input.email) {
		await sendQuestionMail(
			ctx.db,
			ctx.mailer,
			'question_received',
			asked.id,
			ctx.origin,
			linkSecret
		);
	}
	return done(asked);
}

/** The parent replies on their private page; a closed question takes no more replies. */
export async function reply(ctx: Ctx, accessToken: string, body: string): Promise<Outcome<void>> {
	const result = await replyAsParent(ctx.db, accessToken, body, ctx.now);
	if (result === 'not_found') return refused('question_not_found');
	if (result === 'closed') return refused('question_closed', { fields: { body: 'closed' } });
	return done(undefined);
}

/**
 * The wijkteam answers (audited; the question is theirs from then on), keeps the answer as a
 * saved reply when asked to, and the parent is told by every channel they have.
 */
export async function answer(
	ctx: Ctx,
	user: SessionUser,
	id: number,
	input: { body: string; save?: boolean; title?: string }
): Promise<Outcome<void>> {
	if (!(await answerQuestion(ctx.db, user, id, input.body, ctx.now))) return refused('not_found');
	if (input.save && user.staffId && input.title) {
		await saveReply(ctx.db, user.staffId, input.title, input.body);
	}
	// By e-mail, text message and push (../notify); the link is made with the notifier's secret.
	await notifyQuestion(ctx.notifier, id, 'answered');
	return done(undefined);
}

/** Takes, assigns or closes a question of the person's schools (audited). */
export async function changeQuestion(
	ctx: Pick<Ctx, 'db' | 'now'>,
	user: SessionUser,
	id: number,
	change: Parameters<typeof updateQuestion>[3]
): Promise<Outcome<void>> {
	return (await updateQuestion(ctx.db, user, id, change, ctx.now))
		? done(undefined)
		: refused('not_found');
}
