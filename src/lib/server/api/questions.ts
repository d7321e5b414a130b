import { Hono } from 'hono';
import * as v from 'valibot';
import { findQuestion, questionApiView } from '../questions/index.ts';
import { Token } from '../../validation/schools.ts';
import { apiError, type ApiEnv } from './context.ts';
import { describe, documented } from './document.ts';
import { reply, RESPONSES } from './schemas.ts';
import { EXAMPLES } from './examples.ts';
import { valid } from './validate.ts';

const QuestionParams = v.object({
	accessToken: v.pipe(
		Token,
		v.description("The secret of the question's private page: whoever holds it may read it")
	)
});

/** GET /api/v1/questions/{accessToken}: the question with its answers, for its parent. */
export const questionsApi = new Hono<ApiEnv>().get(
	'/:accessToken',
	describe({
		operationId: 'getQuestion',
		summary: 'The question with its answers, as its parent sees it',
		tags: ['questions'],
		responses: {
			'200': documented('The question', RESPONSES.Question, EXAMPLES.question)
		},
		errors: { 404: ['question_not_found'] }
	}),
	valid('param', QuestionParams, { status: 404, code: 'question_not_found' }),
	async (c) => {
		const question = await findQuestion(c.var.db, c.req.valid('param').accessToken);
		if (!question) return apiError(c, 404, 'question_not_found');
		c.header('cache-control', 'no-store');
		return reply(c, RESPONSES.Question, questionApiView(question));
	}
);
