/** What the engine's specs build their cases from. */
import type { AvailabilityException } from './types.ts';

/** An exception of its kind and date; every other field empty unless given. */
export function exception(
	overrides: Partial<AvailabilityException> & Pick<AvailabilityException, 'kind' | 'date'>
): AvailabilityException {
	return {
		id: 1,
		staffId: 1,
		schoolId: null,
		blockId: null,
		locationId: null,
		startTime: null,
		endTime: null,
		slotMinutes: null,
		capacity: null,
		bookable: null,
		walkIn: null,
		...overrides
	};
}
