import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from './csv';

describe('CSV', () => {
	it('quotes every cell and doubles quotes', () => {
		expect(csvCell('Anna "Ans" de Wit')).toBe('"Anna ""Ans"" de Wit"');
		expect(csvCell(null)).toBe('""');
		expect(csvCell('a;b\nc')).toBe('"a;b\nc"');
	});

	it('defuses anything a spreadsheet would run as a formula', () => {
		for (const attack of [
			'=HYPERLINK("http://evil.example.com")',
			'+1+1',
			'-2+3',
			'@SUM(A1)',
			'\t=1',
			'\r=1'
		]) {
			expect(csvCell(attack).startsWith(`"'`), attack).toBe(true);
		}
		expect(csvCell('06-12345678')).toBe('"06-12345678"');
	});

	it('starts with a byte order mark and uses semicolons and CRLF', () => {
		expect(toCsv(['a', 'b'], [[1, '=x']])).toBe('\uFEFF"a";"b"\r\n"1";"\'=x"\r\n');
	});
});
