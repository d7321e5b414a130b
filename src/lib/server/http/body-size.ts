/**
 * The size limit of a request body, checked before anything reads it: the form actions, the
 * form check in hooks.server.ts and the API all see a body that is known to fit. A body with a
 * Content-Length is judged by it; one that arrives in chunks is counted as it comes in and
 * refused the moment it passes the limit.
 */
import { MAX_PHOTO_BYTES } from '../profile/index.ts';

/** Every form and JSON body: far more than any text a person types. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** The photo upload: the photo's own limit and room for the multipart framing around it. */
export const MAX_PHOTO_BODY_BYTES = MAX_PHOTO_BYTES + 64 * 1024;

/** The limit for a request to this address. */
export function bodyLimitOf(url: URL): number {
	return url.pathname === '/staff/profile' && url.searchParams.has('/photo')
		? MAX_PHOTO_BODY_BYTES
		: MAX_BODY_BYTES;
}

/**
 * The request when its body fits in `limit` bytes (read into memory when it came without a
 * Content-Length), or null when it does not.
 */
export async function withinLimit(request: Request, limit: number): Promise<Request | null> {
	if (!request.body) return request;
	const declared = request.headers.get('content-length');
	if (declared !== null && /^\d+$/.test(declared)) {
		if (Number(declared) > limit) {
			await request.body.cancel();
			return null;
		}
		return request;
	}
	const reader = request.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.byteLength;
		if (size > limit) {
			await reader.cancel();
			return null;
		}
		chunks.push(value);
	}
	const body = new Uint8Array(size);
	let offset = 0;
	for (const chunk of chunks) {
		body.set(chunk, offset);
		offset += chunk.byteLength;
	}
	return new Request(request, { body });
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A page of one translated sentence, for answers given before any route runs. */
export function messagePage(
	status: number,
	lang: string,
	dir: string,
	title: string,
	message: string
): Response {
	const html = `<!doctype html>
<html lang="${escapeHtml(lang)}" dir="${escapeHtml(dir)}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head>
<body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></main></body>
</html>
`;
	return new Response(html, {
		status,
		headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }
	});
}
