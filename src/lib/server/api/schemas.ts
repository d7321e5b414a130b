/** The shapes of the API's answers, as JSON Schema components of the OpenAPI document. */
import { LANGUAGES } from '../../i18n/languages.ts';
import {
	AGE_GROUPS,
	ANSWER_BY,
	BOOKING_STATUSES,
	QUESTION_STATUSES,
	SIGNUP_STATUSES,
	TOPICS,
	WAITLIST_STATUSES
} from '../../domain/lists.ts';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const langTexts = {
	type: 'object',
	description: 'Text per language code; a language may be missing (fall back to nl).',
	additionalProperties: { type: 'string' }
};

export const SCHEMAS = {
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
		required: ['ticketToken', 'number', 'staffId', 'staffName', 'ahead'],
		properties: {
			ticketToken: {
				type: 'string',
				description:
					"The secret of the ticket's own page (/{lang}/ticket/{ticketToken}), GET /v1/walkin/{ticketToken} and its push"
			},
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
	TicketStatus: {
		type: 'object',
		required: ['number', 'status', 'ahead', 'nowCalling'],
		properties: {
			number: { type: 'integer' },
			status: {
				type: 'string',
				enum: ['waiting', 'called', 'done', 'left'],
				description: 'left: a no-show, or taken off the queue'
			},
			ahead: { type: 'integer', description: 'Parents waiting before this one (0 unless waiting)' },
			nowCalling: {
				type: ['integer', 'null'],
				description: 'The number called last in this queue'
			},
			staffName: { type: 'string' },
			school: {
				type: 'object',
				properties: { slug: { type: 'string' }, name: { type: 'string' } }
			}
		}
	},
	PushKey: {
		type: 'object',
		required: ['publicKey'],
		properties: {
			publicKey: {
				type: 'string',
				description: 'The application server key (P-256, uncompressed point, base64url)'
			}
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
					},
					alternatives: {
						type: 'array',
						description: 'With slot_taken and weekly_limit: free slots to offer instead',
						items: ref('Slot')
					},
					start: {
						type: 'string',
						format: 'date-time',
						description: 'With not_today: when the booking is'
					},
					remaining: {
						type: 'integer',
						minimum: 0,
						description: 'With meeting_full: the places still free'
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
			status: { type: 'string', enum: [...BOOKING_STATUSES] },
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
	WaitlistCreated: {
		type: 'object',
		required: ['reference', 'manageToken'],
		properties: {
			reference: { type: 'string', pattern: '^[2-9A-HJ-NP-Z]{6}$', description: 'Read-aloud code' },
			manageToken: {
				type: 'string',
				description: 'Secret for the waiting-list link; shown once, stored hashed'
			}
		}
	},
	WaitlistEntry: {
		type: 'object',
		required: ['reference', 'status', 'school', 'staffId', 'from', 'to'],
		properties: {
			reference: { type: 'string' },
			status: {
				type: 'string',
				enum: [...WAITLIST_STATUSES],
				description:
					'waiting; offered (a place is held until offer.holdUntil); booked; expired (the offer or the dates ran out); left'
			},
			school: {
				type: 'object',
				required: ['slug', 'name'],
				properties: { slug: { type: 'string' }, name: { type: 'string' } }
			},
			staffId: { type: ['integer', 'null'], description: 'The professional waited for; null: any' },
			from: { type: 'string', format: 'date' },
			to: { type: 'string', format: 'date' },
			offer: {
				type: 'object',
				description: 'Only while status is offered',
				required: ['staffId', 'start', 'end', 'holdUntil'],
				properties: {
					staffId: { type: 'integer' },
					start: { type: 'string', format: 'date-time' },
					end: { type: 'string', format: 'date-time' },
					holdUntil: {
						type: 'string',
						format: 'date-time',
						description: 'Claim before this moment; then the place goes to the next parent'
					}
				}
			}
		}
	},
	QuestionCreated: {
		type: 'object',
		required: ['reference', 'accessToken'],
		properties: {
			reference: { type: 'string' },
			accessToken: { type: 'string', description: 'Secret for the private page; stored hashed' }
		}
	},
	Question: {
		type: 'object',
		required: [
			'reference',
			'status',
			'category',
			'text',
			'answerBy',
			'language',
			'school',
			'createdAt',
			'messages'
		],
		properties: {
			reference: { type: 'string' },
			status: { type: 'string', enum: [...QUESTION_STATUSES] },
			category: { type: 'string', enum: [...TOPICS] },
			text: { type: 'string' },
			ageGroup: { type: ['string', 'null'], enum: [...AGE_GROUPS, null] },
			answerBy: { type: 'string', enum: [...ANSWER_BY] },
			language: { type: 'string', enum: [...LANGUAGES] },
			school: {
				type: 'object',
				required: ['slug', 'name'],
				properties: { slug: { type: 'string' }, name: { type: 'string' } }
			},
			createdAt: { type: 'string', format: 'date-time' },
			messages: {
				type: 'array',
				items: {
					type: 'object',
					required: ['author', 'name', 'body', 'at'],
					properties: {
						author: { type: 'string', enum: ['parent', 'staff'] },
						name: { type: ['string', 'null'], description: "The professional's name" },
						body: { type: 'string' },
						at: { type: 'string', format: 'date-time' }
					}
				}
			}
		}
	},
	Health: {
		type: 'object',
		required: ['status'],
		properties: { status: { type: 'string', enum: ['ok', 'error'] } }
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
	},
	Meeting: {
		type: 'object',
		required: [
			'id',
			'title',
			'text',
			'theme',
			'start',
			'end',
			'place',
			'capacity',
			'remaining',
			'languages',
			'interpreter',
			'school'
		],
		properties: {
			id: { type: 'integer', description: 'For POST /v1/meetings/{id}/signups' },
			title: { type: 'string', description: 'In the ?lang= language where written, else Dutch' },
			text: { type: 'string' },
			theme: { type: ['string', 'null'], enum: [...TOPICS, null] },
			start: { type: 'string', format: 'date-time' },
			end: { type: 'string', format: 'date-time' },
			place: { type: 'string' },
			capacity: { type: 'integer', minimum: 1 },
			remaining: { type: 'integer', minimum: 0, description: 'Places still free' },
			languages: {
				type: 'array',
				items: { type: 'string' },
				description: 'Languages spoken at the meeting (ISO 639-1)'
			},
			interpreter: { type: 'boolean', description: 'An interpreter is there' },
			host: { type: ['string', 'null'], description: 'Who of the wijkteam hosts it' },
			school: {
				type: 'object',
				required: ['slug', 'name'],
				properties: { slug: { type: 'string' }, name: { type: 'string' } },
				description:
					'The school where it takes place: a meeting may be for the parents of several schools, and is listed at each'
			}
		}
	},
	SignupCreated: {
		type: 'object',
		required: ['reference', 'manageToken', 'people', 'status'],
		properties: {
			reference: { type: 'string', pattern: '^[2-9A-HJ-NP-Z]{6}$' },
			manageToken: {
				type: 'string',
				description: 'Secret for the manage link; shown once, stored hashed'
			},
			people: { type: 'integer', minimum: 1, maximum: 4 },
			status: {
				type: 'string',
				enum: ['signed_up', 'waiting'],
				description:
					'waiting: the meeting was full and the request asked for the waiting list; when places free up the first waiting parents who fit are signed up and told'
			}
		}
	},
	Signup: {
		type: 'object',
		required: ['reference', 'status', 'firstName', 'people', 'language', 'meeting', 'school'],
		properties: {
			reference: { type: 'string' },
			status: {
				type: 'string',
				enum: [...SIGNUP_STATUSES, 'waiting'],
				description: 'waiting: on the waiting list of the full meeting (DELETE leaves it)'
			},
			firstName: { type: 'string' },
			people: { type: 'integer', minimum: 1, maximum: 4 },
			phone: { type: ['string', 'null'] },
			email: { type: ['string', 'null'] },
			language: { type: 'string', enum: [...LANGUAGES] },
			meeting: {
				type: 'object',
				required: ['id', 'title', 'start', 'end', 'place', 'cancelled'],
				properties: {
					id: { type: 'integer' },
					title: { type: 'string' },
					start: { type: 'string', format: 'date-time' },
					end: { type: 'string', format: 'date-time' },
					place: { type: 'string' },
					cancelled: { type: 'boolean', description: 'The wijkteam cancelled the meeting' }
				}
			},
			school: {
				type: 'object',
				required: ['slug', 'name'],
				properties: { slug: { type: 'string' }, name: { type: 'string' } }
			}
		}
	},
	SuggestionCreated: {
		type: 'object',
		required: ['theme'],
		properties: { theme: { type: 'string', enum: [...TOPICS] } }
	}
};
