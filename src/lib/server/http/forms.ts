/** Form data as a plain object of strings (files left out), what a refused form shows again. */
export async function formValues(request: Request): Promise<Record<string, string>> {
	const values: Record<string, string> = {};
	for (const [key, value] of await request.formData())
		if (typeof value === 'string') values[key] = value;
	return values;
}
