/**
 * CSV for spreadsheets. Semicolons and a UTF-8 byte order mark, as Dutch Excel expects. A cell that
 * starts like a formula (= + - @, tab or carriage return) gets a leading apostrophe, so a parent's
 * name can never run as a formula on the professional's computer (CSV injection).
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: unknown): string {
	let text = value === null || value === undefined ? '' : String(value);
	if (FORMULA_START.test(text)) text = `'${text}`;
	return `"${text.replace(/"/g, '""')}"`;
}

export function toCsv(header: string[], rows: unknown[][]): string {
	const lines = [header, ...rows].map((row) => row.map(csvCell).join(';'));
	return `\uFEFF${lines.join('\r\n')}\r\n`;
}
