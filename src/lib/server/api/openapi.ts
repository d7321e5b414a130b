/** The OpenAPI 3.1 description of Inloop's public API, served at /api/v1/openapi.json. */
import { LANGUAGES } from '../../i18n/languages.ts';
import { TOPICS } from '../../domain/lists.ts';

const json = (schema: object) => ({ 'application/json': { schema } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const errorResponse = (description: string) => ({ description, content: json(ref('Error')) });
// Every write a parent's phone or a kiosk can make is rate limited per client (and per contact).
const tooMany = {
	description:
		"Too many attempts from this client or for this contact (code rate_limited, in the caller's language); try again after Retry-After seconds. Nothing is stored.",
	headers: {
		'Retry-After': {
			description: 'Seconds until a new attempt is counted',
			schema: { type: 'integer' }
		}
	},
	content: json(ref('Error'))
};
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
					summary: 'Health check: ok once D1 answers, 503 { status: "error" } when it does not',
					responses: {
						'200': {
							description: 'Healthy',
							content: json({
								type: 'object',
								properties: { status: { const: 'ok' } },
								required: ['status']
							})
						},
						'503': {
							description: 'D1 does not answer',
							content: json({
								type: 'object',
								properties: { status: { const: 'error' } },
								required: ['status']
							})
						}
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
			},
			'/v1/schools/{slug}/slots': {
				get: {
					summary: 'Free bookable slots of the school, at most 31 days per call',
					parameters: [
						{ name: 'slug', in: 'path', required: true, schema: { type: 'string' } },
						{
							name: 'from',
							in: 'query',
							required: true,
							schema: { type: 'string', format: 'date' }
						},
						{ name: 'to', in: 'query', required: true, schema: { type: 'string', format: 'date' } },
						{ $ref: '#/components/parameters/lang' }
					],
					responses: {
						'200': {
							description: 'Free slots, by start',
							content: json({ type: 'array', items: ref('Slot') })
						},
						'400': errorResponse(
							'Bad range (fields.from / fields.to: required, invalid, before_from, range_too_long)'
						),
						'404': errorResponse('No such school (code school_not_found)')
					}
				}
			},
			'/v1/schools/{slug}/bookings': {
				post: {
					summary: 'Book a slot. Same-origin browsers only; JSON body.',
					parameters: [
						{ name: 'slug', in: 'path', required: true, schema: { type: 'string' } },
						{ $ref: '#/components/parameters/lang' }
					],
					requestBody: { required: true, content: json(ref('BookingRequest')) },
					responses: {
						'201': { description: 'Booked', content: json(ref('BookingCreated')) },
						'400': errorResponse(
							'Bad input (code invalid with fields, or invalid_json); fields.start = not_available for a slot that does not exist, is past or closed'
						),
						'403': errorResponse('A browser on another origin (code forbidden_origin)'),
						'404': errorResponse('No such school'),
						'409': {
							description:
								'The slot is full (slot_taken) or the contact has reached the weekly cap (weekly_limit); error.alternatives lists free slots',
							content: json(ref('Error'))
						},
						'415': errorResponse('Body is not JSON (code unsupported_media_type)'),
						'413': errorResponse(
							'Body over 1 MB (code payload_too_large); nothing is read or stored'
						),
						'429': tooMany
					}
				}
			},
			'/v1/schools/{slug}/questions': {
				post: {
					summary: 'Ask the wijkteam a question. Same-origin browsers only; JSON body.',
					parameters: [
						{ name: 'slug', in: 'path', required: true, schema: { type: 'string' } },
						{ $ref: '#/components/parameters/lang' }
					],
					requestBody: {
						required: true,
						content: json({
							type: 'object',
							required: ['category', 'text', 'answerBy', 'language', 'consent'],
							description: 'phone is required for answerBy=call, email for answerBy=email',
							properties: {
								category: { type: 'string', enum: [...TOPICS] },
								text: { type: 'string', maxLength: 2000 },
								ageGroup: { type: 'string', enum: ['0_3', '4_7', '8_12', '12_plus'] },
								answerBy: { type: 'string', enum: ['page', 'call', 'email', 'spreekuur'] },
								firstName: { type: 'string', maxLength: 60 },
								anonymous: { type: 'boolean' },
								phone: { type: 'string' },
								email: { type: 'string', format: 'email' },
								language: { type: 'string', enum: [...LANGUAGES] },
								consent: { const: true }
							}
						})
					},
					responses: {
						'201': {
							description: 'Stored',
							content: json({
								type: 'object',
								required: ['reference', 'accessToken'],
								properties: {
									reference: { type: 'string' },
									accessToken: {
										type: 'string',
										description: 'Secret for the private page; stored hashed'
									}
								}
							})
						},
						'400': errorResponse('Bad input (invalid with fields, or invalid_json)'),
						'404': errorResponse('No such school'),
						'413': errorResponse(
							'Body over 1 MB (code payload_too_large); nothing is read or stored'
						),
						'429': tooMany
					}
				}
			},
			'/v1/schools/{slug}/walkin': {
				get: {
					summary: "Today's walk-in hour: open or not, the number being called, how many wait",
					parameters: [
						{ name: 'slug', in: 'path', required: true, schema: { type: 'string' } },
						{ $ref: '#/components/parameters/lang' }
					],
					responses: {
						'200': { description: 'The walk-in status', content: json(ref('WalkIn')) },
						'404': errorResponse('No such school')
					}
				},
				post: {
					summary: '"I\'m here": a number in the running walk-in hour',
					parameters: [
						{ name: 'slug', in: 'path', required: true, schema: { type: 'string' } },
						{ $ref: '#/components/parameters/lang' }
					],
					requestBody: {
						required: true,
						content: json({
							type: 'object',
							required: ['language'],
							properties: {
								staffId: { type: 'integer', description: 'Whom to see, when several hours run' },
								firstName: { type: 'string', maxLength: 60 },
								language: { type: 'string', enum: [...LANGUAGES] },
								interpreter: { type: 'boolean' }
							}
						})
					},
					responses: {
						'201': { description: 'The ticket', content: json(ref('Ticket')) },
						'400': errorResponse('Bad input (invalid with fields, or invalid_json)'),
						'404': errorResponse('No such school'),
						'409': errorResponse('No walk-in hour runs now (code walkin_closed)'),
						'413': errorResponse(
							'Body over 1 MB (code payload_too_large); nothing is read or stored'
						),
						'429': tooMany
					}
				}
			},
			'/v1/schools/{slug}/walkin/checkin': {
				post: {
					summary: 'A parent with a booking today joins the queue at their booked time',
					parameters: [
						{ name: 'slug', in: 'path', required: true, schema: { type: 'string' } },
						{ $ref: '#/components/parameters/lang' }
					],
					requestBody: {
						required: true,
						content: json({
							type: 'object',
							required: ['reference', 'language'],
							properties: {
								reference: { type: 'string', description: 'As on the confirmation, e.g. K7QM2P' },
								language: { type: 'string', enum: [...LANGUAGES] }
							}
						})
					},
					responses: {
						'201': {
							description: 'The ticket (the same one when checked in before)',
							content: json(ref('Ticket'))
						},
						'400': errorResponse('Bad input'),
						'404': errorResponse('Unknown reference at this school (code booking_not_found)'),
						'409': errorResponse(
							'Not today (not_today, with start), cancelled (booking_cancelled) or past (not_active)'
						),
						'413': errorResponse(
							'Body over 1 MB (code payload_too_large); nothing is read or stored'
						),
						'429': tooMany
					}
				}
			},
			'/v1/questions/{accessToken}': {
				get: {
					summary: 'The question with its answers, as its parent sees it',
					parameters: [
						{ name: 'accessToken', in: 'path', required: true, schema: { type: 'string' } }
					],
					responses: {
						'200': { description: 'The question', content: json({ type: 'object' }) },
						'404': errorResponse('Unknown token (code question_not_found)')
					}
				}
			},
			'/v1/bookings/{manageToken}': {
				get: {
					summary: 'The booking as the parent sees it',
					parameters: [
						{ name: 'manageToken', in: 'path', required: true, schema: { type: 'string' } }
					],
					responses: {
						'200': { description: 'The booking', content: json(ref('Booking')) },
						'404': errorResponse('Unknown token (code booking_not_found)')
					}
				},
				delete: {
					summary: 'Cancel the booking',
					parameters: [
						{ name: 'manageToken', in: 'path', required: true, schema: { type: 'string' } }
					],
					responses: {
						'200': { description: 'Cancelled', content: json(ref('Booking')) },
						'404': errorResponse('Unknown token (code booking_not_found)'),
						'409': errorResponse('Already cancelled or past (code not_active)')
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
				WalkIn: {
					type: 'object',
					required: ['open', 'nowCalling', 'waiting', 'queues'],
					properties: {
						open: {
							type: 'boolean',
							description: 'A walk-in hour runs now (or starts within 15 minutes)'
						},
						nowCalling: { type: ['integer', 'null'], description: 'The number called last' },
						waiting: { type: 'integer' },
						queues: {
							type: 'array',
							items: {
								type: 'object',
								properties: {
									staffId: { type: 'integer' },
									name: { type: 'string' },
									location: { type: 'string' },
									start: { type: 'string', format: 'date-time' },
									end: { type: 'string', format: 'date-time' },
									open: { type: 'boolean' },
									nowCalling: { type: ['integer', 'null'] },
									waiting: { type: 'integer' }
								}
							}
						}
					}
				},
				Ticket: {
					type: 'object',
					required: ['number', 'staffId', 'staffName', 'ahead'],
					properties: {
						number: {
							type: 'integer',
							description: 'Unique and in order per professional and day'
						},
						staffId: { type: 'integer' },
						staffName: { type: 'string' },
						location: { type: 'string' },
						ahead: { type: 'integer', description: 'Parents waiting before this one' },
						nowCalling: { type: ['integer', 'null'] }
					}
				},
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
				Slot: {
					type: 'object',
					required: ['staffId', 'start', 'end', 'location', 'remaining'],
					properties: {
						staffId: { type: 'integer' },
						start: { type: 'string', format: 'date-time', examples: ['2027-03-30T08:30:00+02:00'] },
						end: { type: 'string', format: 'date-time' },
						location: { type: 'string' },
						remaining: { type: 'integer', minimum: 1 }
					}
				},
				BookingRequest: {
					type: 'object',
					required: ['staffId', 'start', 'firstName', 'language', 'consent'],
					description: 'phone or email (at least one) is required',
					properties: {
						staffId: { type: 'integer' },
						start: {
							type: 'string',
							format: 'date-time',
							description: 'A slot start as the slots call gives it'
						},
						firstName: { type: 'string', maxLength: 60 },
						phone: { type: 'string', maxLength: 25 },
						email: { type: 'string', format: 'email' },
						language: {
							type: 'string',
							enum: [...LANGUAGES],
							description: "The parent's language: every message uses it"
						},
						interpreter: { type: 'boolean' },
						interpreterLanguage: { type: 'string', maxLength: 40 },
						topic: { type: 'string', enum: [...TOPICS] },
						remark: { type: 'string', maxLength: 500 },
						consent: { const: true }
					}
				},
				BookingCreated: {
					type: 'object',
					required: ['reference', 'manageToken', 'start', 'end', 'staffId'],
					properties: {
						reference: {
							type: 'string',
							pattern: '^[2-9A-HJ-NP-Z]{6}$',
							description: 'Read-aloud code'
						},
						manageToken: {
							type: 'string',
							description: 'Secret for the manage link; shown once, stored hashed'
						},
						start: { type: 'string', format: 'date-time' },
						end: { type: 'string', format: 'date-time' },
						staffId: { type: 'integer' }
					}
				},
				Booking: {
					type: 'object',
					properties: {
						reference: { type: 'string' },
						status: { type: 'string', enum: ['booked', 'cancelled', 'attended', 'no_show'] },
						start: { type: 'string', format: 'date-time' },
						end: { type: 'string', format: 'date-time' },
						staffId: { type: 'integer' },
						staffName: { type: 'string' },
						school: {
							type: 'object',
							properties: { slug: { type: 'string' }, name: { type: 'string' } }
						},
						location: { type: ['string', 'null'] },
						firstName: { type: 'string' },
						phone: { type: ['string', 'null'] },
						email: { type: ['string', 'null'] },
						topic: { type: ['string', 'null'] },
						language: { type: 'string' },
						interpreter: { type: 'boolean' },
						interpreterLanguage: { type: ['string', 'null'] },
						remark: { type: ['string', 'null'] }
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
