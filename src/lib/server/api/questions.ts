import { Hono } from 'hono';
import { findQuestion, questionApiView } from '../questions/index.ts';
import { apiError, type ApiEnv } from './context.ts';

/** GET /api/v1/questions/{accessToken}: the question with its answers, for its parent. */
export const questionsApi = new Hono<ApiEnv>().get('/:token', async (c) => {
	const question = await findQuestion(c.var.db, c.req.param('token'));
	if (!question) return apiError(c, 404, 'question_not_found');
	c.header('cache-control', 'no-store');
	return c.json(questionApiView(question));
});
