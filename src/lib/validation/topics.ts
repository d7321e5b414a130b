/** Booking topics (the same list as question categories). A module of its own: the browser needs it without valibot. */
export const TOPICS = [
	'behaviour',
	'emotions',
	'sleep_eating',
	'school',
	'family_divorce',
	'money_housing',
	'development',
	'other'
] as const;
