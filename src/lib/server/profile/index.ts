/**
 * A professional's public profile: name, role, languages, introduction per language, public
 * contact details and a photo. The photo goes to R2 under a key made of its content hash, so it
 * can be cached for a year.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../db/index.ts';
import type { StaffRole } from '../../domain/lists.ts';
import { staff } from '../db/schema.ts';
import { sha256Hex } from '../crypto.ts';
import type { Language } from '../../i18n/languages.ts';

export const MAX_PHOTO_BYTES = 2 * 1024 * 1024;

export async function saveProfile(
	db: Db,
	staffId: number,
	input: {
		name: string;
		role: StaffRole;
		languagesSpoken: string[];
		intro: Partial<Record<Language, string>>;
		publicPhone: string | null;
		publicEmail: string | null;
	}
) {
	await db.update(staff).set(input).where(eq(staff.id, staffId));
}

/** The image type from the file's first bytes (not from what the browser claims), or null. */
export function imageType(bytes: Uint8Array): { type: string; ext: string } | null {
	if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff)
		return { type: 'image/jpeg', ext: 'jpg' };
	if ([0x89, 0x50, 0x4e, 0x47].every((b, i) => bytes[i] === b))
		return { type: 'image/png', ext: 'png' };
	const riff = String.fromCharCode(...bytes.slice(0, 4));
	const webp = String.fromCharCode(...bytes.slice(8, 12));
	if (riff === 'RIFF' && webp === 'WEBP') return { type: 'image/webp', ext: 'webp' };
	return null;
}

export type PhotoResult =
	{ ok: true; url: string } | { ok: false; code: 'photo_type' | 'photo_size' };

/** Stores a checked photo in R2 and links it to the professional. */
export async function savePhoto(
	db: Db,
	bucket: R2Bucket,
	staffId: number,
	file: File
): Promise<PhotoResult> {
	if (file.size > MAX_PHOTO_BYTES) return { ok: false, code: 'photo_size' };
	const bytes = new Uint8Array(await file.arrayBuffer());
	const kind = imageType(bytes);
	if (!kind) return { ok: false, code: 'photo_type' };
	const hash = (await sha256Hex(bytes)).slice(0, 24);
	const key = `staff/${staffId}/${hash}.${kind.ext}`;
	await bucket.put(key, bytes, { httpMetadata: { contentType: kind.type } });
	const url = `/photos/${key}`;
	await db.update(staff).set({ photoUrl: url }).where(eq(staff.id, staffId));
	return { ok: true, url };
}
