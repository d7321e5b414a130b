/**
 * iCalendar (RFC 5545) for "add to calendar" and for a cancellation. Times are in UTC, which every
 * calendar shows in the reader's own zone, so no VTIMEZONE is needed. A cancellation carries the
 * same UID with METHOD:CANCEL and a higher SEQUENCE, so the calendar removes the event.
 */

export type CalendarEvent = {
	uid: string;
	sequence: number;
	startsAt: number;
	endsAt: number;
	/** When this version of the event was made (DTSTAMP). */
	stamp: number;
	summary: string;
	location: string;
	description: string;
	cancelled: boolean;
};

const utc = (instant: number) =>
	new Date(instant)
		.toISOString()
		.replace(/[-:]/g, '')
		.replace(/\.\d{3}/, '');

/**
 * Escapes TEXT values: backslash, semicolon, comma and line breaks (CRLF, LF and a lone CR, which
 * some readers take as the end of a line too). Other control characters, which RFC 5545 does not
 * allow in TEXT, are left out.
 */
export function escapeText(value: string): string {
	return value
		.replace(/\\/g, '\\\\')
		.replace(/;/g, '\\;')
		.replace(/,/g, '\\,')
		.replace(/\r\n|\r|\n/g, '\\n')
		.replace(/(?!\t)\p{Cc}/gu, '');
}

/** Folds a content line at 75 octets (not characters), never inside a UTF-8 sequence. */
export function foldLine(line: string): string {
	const bytes = new TextEncoder();
	const parts: string[] = [];
	let current = '';
	let size = 0;
	for (const char of line) {
		const length = bytes.encode(char).length;
		const limit = parts.length === 0 ? 75 : 74;
		if (size + length > limit) {
			parts.push(current);
			current = '';
			size = 0;
		}
		current += char;
		size += length;
	}
	parts.push(current);
	return parts.join('\r\n ');
}

function eventLines(event: CalendarEvent): string[] {
	return [
		'BEGIN:VEVENT',
		`UID:${event.uid}`,
		`SEQUENCE:${event.sequence}`,
		`DTSTAMP:${utc(event.stamp)}`,
		`DTSTART:${utc(event.startsAt)}`,
		`DTEND:${utc(event.endsAt)}`,
		`SUMMARY:${escapeText(event.summary)}`,
		`LOCATION:${escapeText(event.location)}`,
		`DESCRIPTION:${escapeText(event.description)}`,
		`STATUS:${event.cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
		'TRANSP:OPAQUE',
		...(event.cancelled
			? []
			: [
					'BEGIN:VALARM',
					'ACTION:DISPLAY',
					`DESCRIPTION:${escapeText(event.summary)}`,
					'TRIGGER:-PT1H',
					'END:VALARM'
				]),
		'END:VEVENT'
	];
}

/** A calendar of events (a subscription feed uses PUBLISH). */
export function calendar(
	events: CalendarEvent[],
	options: { method: 'PUBLISH' | 'CANCEL'; name?: string }
): string {
	const lines = [
		'BEGIN:VCALENDAR',
		'VERSION:2.0',
		'PRODID:-//Inloop//Spreekuur//NL',
		'CALSCALE:GREGORIAN',
		`METHOD:${options.method}`,
		...(options.name ? [`X-WR-CALNAME:${escapeText(options.name)}`] : []),
		...events.flatMap(eventLines),
		'END:VCALENDAR'
	];
	return lines.map(foldLine).join('\r\n') + '\r\n';
}

/** One event; a cancelled one as METHOD:CANCEL so the calendar removes it. */
export function calendarFile(event: CalendarEvent): string {
	return calendar([event], { method: event.cancelled ? 'CANCEL' : 'PUBLISH' });
}
