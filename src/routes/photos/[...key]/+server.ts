import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

/** Staff photos from R2. The key holds a content hash, so a year of caching is safe. */
export const GET: RequestHandler = async ({ params, platform }) => {
	if (!/^staff\/\d+\/[0-9a-f]{24}\.(jpg|png|webp)$/.test(params.key)) error(404, 'not_found');
	const object = await platform?.env.PHOTOS?.get(params.key);
	if (!object) error(404, 'not_found');
	return new Response(object.body, {
		headers: {
			'content-type': object.httpMetadata?.contentType ?? 'application/octet-stream',
			'cache-control': 'public, max-age=31536000, immutable',
			etag: object.httpEtag
		}
	});
};
