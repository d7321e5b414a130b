/**
 * What a parent on the waiting list hears, in their language: that they are on the list, and that
 * a place is held for them. One function per event, so that every channel the parent has is
 * reached from here: the offer goes by e-mail (with the hold time), by text message to a parent
 * who gave a phone number (when text messages are on) and by push to the devices where the parent
 * turned it on for this entry (both through the notifier of src/lib/server/notify). A message says only that there is news at the school and links to the parent's private
 * page: nothing personal.
 */
import type { Db } from '../db/index.ts';
import { organisationName } from '../bookings/messages.ts';
import { formattersFor, translator } from '../../i18n/resources.ts';
import { isLanguage, type Language } from '../../i18n/languages.ts';
import type { Mailer } from '../mail/index.ts';
import { done, refused, type Ctx, type Outcome } from '../outcome.ts';
import { notifyParent, type Notifier } from '../notify/index.ts';
import {
	expireOffers,
	findEntryById,
	leaveWaitlist,
	offerFreedPlaces,
	waitlistToken,
	type Place,
	type WaitlistEntry
} from './index.ts';

const languageOf = (entry: WaitlistEntry): Language =>
	isLanguage(entry.language) ? entry.language : 'nl';

/** Where a message leads: the parent's private page, its token made again from the link key. */
export type LinkContext = { origin: string; linkSecret: string };

/** The links of a request's notifier (its origin and secret). */
export const linksOf = (n: Pick<Notifier, 'origin' | 'linkSecret'>): LinkContext => ({
	origin: n.origin,
	linkSecret: n.linkSecret
});

const pageLink = async (entry: WaitlistEntry, lang: Language, links: LinkContext) =>
	`${links.origin}/${lang}/waitlist/${await waitlistToken(links.linkSecret, entry.linkKey)}`;

/** Tells the parent they are on the list, with the link to their page (when they gave an address). */
export async function announceJoined(db: Db, mailer: Mailer, entryId: number, links: LinkContext) {
	const entry = await findEntryById(db, entryId);
	if (!entry?.email) return;
	const lang = languageOf(entry);
	const t = translator(lang);
	await mailer.send({
		to: entry.email,
		language: lang,
		kind: 'waitlist_joined',
		waitlistEntryId: entry.id,
		subject: t('mail.waitlistJoinedSubject', { school: entry.schoolName }),
		text: t('mail.waitlistJoinedBody', {
			school: entry.schoolName,
			link: await pageLink(entry, lang, links),
			organisation: await organisationName(db, entry.schoolSlug)
		})
	});
}

/** What announcing an offer needs: the outbox, and the other channels where they are on. */
type Channels = Pick<Notifier, 'db' | 'mailer'> & Partial<Pick<Notifier, 'sms' | 'push'>>;

/**
 * Tells the parent a place is held for them and until when, with the link to book it: by e-mail
 * when they gave an address, by text message when they gave a phone number, by push where on.
 */
export async function announceOffer(n: Channels, entryId: number, links: LinkContext) {
	const entry = await findEntryById(n.db, entryId);
	if (!entry || entry.status !== 'offered' || !entry.holdUntil) return;
	const lang = languageOf(entry);
	const t = translator(lang);
	const format = formattersFor(lang);
	const link = await pageLink(entry, lang, links);
	const organisation = await organisationName(n.db, entry.schoolSlug);
	if (entry.email) {
		await n.mailer.send({
			to: entry.email,
			language: lang,
			kind: 'waitlist_offer',
			waitlistEntryId: entry.id,
			subject: t('mail.waitlistOfferSubject', { school: entry.schoolName }),
			text: t('mail.waitlistOfferBody', {
				school: entry.schoolName,
				until: format.time(entry.holdUntil),
				link,
				organisation
			})
		});
	}
	if (n.sms || n.push) {
		// The fuller e-mail went above; the text message (to a phone number) and the push (to the
		// devices that turned it on for this entry) say there is news and link the page.
		await notifyParent(
			{ ...n, sms: n.sms ?? null, push: n.push ?? null } as Notifier,
			{
				language: lang,
				firstName: entry.firstName,
				email: null,
				phone: entry.phone,
				school: entry.schoolName,
				organisation,
				url: link,
				about: { record: 'waitlist', id: entry.id }
			},
			'offer',
			{ mail: false }
		);
	}
}

/** Tells every parent of `entryIds` about their offer. */
export async function announceOffers(n: Channels, entryIds: number[], links: LinkContext) {
	for (const id of entryIds) await announceOffer(n, id, links);
}

/**
 * A place came free (a booking cancelled, moved or deleted; new hours; a parent left the list):
 * it goes to the first parent waiting for it, who is told at once. Every caller that frees a
 * place calls this, and only this.
 */
export async function passOnPlaces(
	ctx: Pick<Ctx, 'db' | 'mailer' | 'now'> & { notifier?: Notifier },
	scope: { schoolId: number; places?: Place[]; staffId?: number },
	links: LinkContext
) {
	const offered = await offerFreedPlaces(ctx.db, scope, ctx.now);
	await announceOffers(ctx.notifier ?? ctx, offered, links);
}

/**
 * The parent leaves the list (their page, the API): a place held for them goes to the next
 * parent at once.
 */
export async function leaveList(
	ctx: Pick<Ctx, 'db' | 'mailer' | 'now' | 'notifier'>,
	manageToken: string
): Promise<Outcome<void>> {
	const left = await leaveWaitlist(ctx.db, manageToken, ctx.now);
	if (!left.ok) return refused('not_found');
	if (left.freed) {
		await passOnPlaces(
			ctx,
			{ schoolId: left.schoolId, places: [left.freed] },
			linksOf(ctx.notifier)
		);
	}
	return done(undefined);
}

/** Offers that ran out become expired and their places go to the next parents (the cron). */
export async function expireAndPassOn(n: Channels, now: number, links: LinkContext) {
	const offered = await expireOffers(n.db, now);
	await announceOffers(n, offered, links);
	return offered.length;
}
