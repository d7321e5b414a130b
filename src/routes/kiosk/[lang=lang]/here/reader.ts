import { walkInChoicesWith } from '../../../../lib/server/walkin/forms.ts';
import type { KioskPageReader } from '../../../../lib/server/kiosk/index.ts';

/** "I'm here": the walk-in hours running now, or the next one. */
export const reader = (async (db, school, now, device) => {
	const { choices, extra } = await walkInChoicesWith(db, school, now, device);
	return { data: choices, device: extra };
}) satisfies KioskPageReader<unknown>;
