import { stringValues } from '../http/forms.ts';

/** The staff meeting form as values: every field a string, the checked languages and schools lists. */
export async function meetingFormValues(request: Request) {
	const data = await request.formData();
	const strings = stringValues(data);
	return {
		...strings,
		languages: data.getAll('languages').filter((v): v is string => typeof v === 'string'),
		alsoSchoolIds: data.getAll('alsoSchoolIds').filter((v): v is string => typeof v === 'string'),
		/** Whether a change or cancel is for the later dates of the series too. */
		series: strings.series === 'on'
	};
}
