/** Form data as a plain object of strings (files left out): what a refused form shows again. */
export function stringValues(data: FormData): Record<string, string> {
	const values: Record<string, string> = {};
	for (const [key, value] of data) if (typeof value === 'string') values[key] = value;
	return values;
}

export async function formValues(request: Request): Promise<Record<string, string>> {
	return stringValues(await request.formData());
}
