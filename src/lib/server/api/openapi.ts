/** The OpenAPI 3.1 description of Inloop's public API, served at /api/v1/openapi.json. */
import { LANGUAGES } from '../../i18n/languages.ts';

const json = (schema: object) => ({ 'application/json': { schema } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const errorResponse = (description: string) => ({ description, content: json(ref('Error')) });
const langTexts = {
	type: 'object',
	description: 'Text per language code; a language may be missing (fall back to nl).',
	additionalProperties: { type: 'string' }
};

export function openApiDocument(origin: string) {
	return {
		openapi: '3.1.0',
		info: {
			title: 'Inloop API',
			version: '1.0.0',
			description:
				"Public data of the schools' wijkteam contacts, for the kiosk and for schools' own websites. " +
				'Times are ISO 8601 with the Europe/Amsterdam offset. Error messages follow ?lang= or Accept-Language.'
		},
		servers: [{ url: `${origin}/api` }],
		paths: {
			'/health': {
				get: {
					summary: 'Health check: ok once D1 answers',
					responses: {
						'200': {
							description: 'Healthy',
							content: json({
								type: 'object',
								properties: { status: { const: 'ok' } },
								required: ['status']
							})
						},
						'503': errorResponse('D1 does not answer')
					}
				}
			},
			'/v1/schools': {
				get: {
					summary: 'Find schools by name, town or neighbourhood',
					parameters: [
						{
							name: 'q',
							in: 'query',
							required: true,
							schema: { type: 'string', minLength: 2, maxLength: 100 }
						},
						{ $ref: '#/components/parameters/lang' }
					],
					responses: {
						'200': {
							description: 'Matching schools, by name (at most 20)',
							content: json({ type: 'array', items: ref('SchoolSummary') })
						},
						'400': errorResponse('q is missing, too short or too long (code invalid, fields.q)')
					}
				}
			},
			'/v1/schools/{slug}': {
				get: {
					summary: 'A school with its wijkteam contacts, their weekly presence, and partners',
					parameters: [
						{ name: 'slug', in: 'path', required: true, schema: { type: 'string' } },
						{ $ref: '#/components/parameters/lang' }
					],
					responses: {
						'200': { description: 'The school', content: json(ref('School')) },
						'404': errorResponse('No such school (code school_not_found)')
					}
				}
			}
		},
		components: {
			parameters: {
				lang: {
					name: 'lang',
					in: 'query',
					required: false,
					description: 'Language of error messages',
					schema: { type: 'string', enum: [...LANGUAGES] }
				}
			},
			schemas: {
				Error: {
					type: 'object',
					required: ['error'],
					properties: {
						error: {
							type: 'object',
							required: ['code', 'message', 'fields'],
							properties: {
								code: { type: 'string', description: 'snake_case reason' },
								message: { type: 'string', description: 'Translated, for people' },
								fields: {
									type: 'object',
									description: 'Field name → error code (required, too_short, too_long, invalid)',
									additionalProperties: { type: 'string' }
								}
							}
						}
					}
				},
				SchoolSummary: {
					type: 'object',
					required: ['slug', 'name', 'town'],
					properties: {
						slug: { type: 'string' },
						name: { type: 'string' },
						town: { type: 'string' }
					}
				},
				Presence: {
					type: 'object',
					required: ['weekday', 'start', 'end', 'bookable', 'walkIn', 'location'],
					properties: {
						weekday: {
							type: 'integer',
							minimum: 1,
							maximum: 7,
							description: 'ISO weekday, 1 = Monday'
						},
						start: {
							type: 'string',
							pattern: '^\\d{2}:\\d{2}$',
							description: 'Amsterdam wall-clock time'
						},
						end: { type: 'string', pattern: '^\\d{2}:\\d{2}$' },
						bookable: { type: 'boolean', description: 'Spreekuur by appointment' },
						walkIn: { type: 'boolean', description: 'Walk-in hour, no appointment needed' },
						location: {
							type: 'object',
							properties: {
								name: { type: 'string' },
								address: { type: ['string', 'null'] },
								directions: langTexts
							}
						}
					}
				},
				Contact: {
					type: 'object',
					required: ['id', 'name', 'role', 'languages', 'intro', 'presence'],
					properties: {
						id: { type: 'integer', description: 'staffId for slots and bookings' },
						name: { type: 'string' },
						role: { type: 'string' },
						photoUrl: { type: ['string', 'null'], format: 'uri' },
						intro: langTexts,
						languages: { type: 'array', items: { type: 'string' }, description: 'ISO 639-1 codes' },
						phone: { type: ['string', 'null'] },
						email: { type: ['string', 'null'] },
						presence: { type: 'array', items: ref('Presence') }
					}
				},
				School: {
					type: 'object',
					required: ['slug', 'name', 'town', 'contacts', 'partners'],
					properties: {
						slug: { type: 'string' },
						name: { type: 'string' },
						address: { type: 'string' },
						postcode: { type: 'string' },
						town: { type: 'string' },
						neighbourhood: { type: ['string', 'null'] },
						defaultLanguage: { type: 'string' },
						languages: { type: 'array', items: { type: 'string' } },
						organisation: {
							type: 'object',
							properties: {
								name: { type: 'string' },
								phone: { type: ['string', 'null'] },
								website: { type: ['string', 'null'] }
							}
						},
						contacts: { type: 'array', items: ref('Contact') },
						partners: {
							type: 'array',
							items: {
								type: 'object',
								properties: {
									name: { type: 'string' },
									role: { type: 'string' },
									organisation: { type: ['string', 'null'] },
									description: langTexts,
									phone: { type: ['string', 'null'] },
									email: { type: ['string', 'null'] },
									website: { type: ['string', 'null'] }
								}
							}
						}
					}
				}
			}
		}
	};
}
