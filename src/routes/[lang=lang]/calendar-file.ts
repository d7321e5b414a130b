/**
 * A parent's "add to calendar" (a booking, a meeting sign-up) as a file to download: the event
 * while it stands, METHOD:CANCEL once it does not; never kept by a cache (it changes).
 */
export function calendarFile(body: string, reference: string): Response {
	return new Response(body, {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'content-disposition': `attachment; filename="inloop-${reference}.ics"`,
			'cache-control': 'no-store'
		}
	});
}
