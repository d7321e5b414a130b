/**
 * Changing a professional's hours as one command: the checks (their schools and places, no clash
 * with their own hours), the coming bookings the change would leave without a time (asked about
 * first; then cancelled and their parents told, in one audited batch, or kept), and the write.
 */
import type { SessionUser } from '../auth/index.ts';
import { cancelForParents } from '../bookings/commands.ts';
import { done, invalid, refused, type Ctx, type Outcome } from '../outcome.ts';
import type { AvailabilityException, WeeklyBlock } from '../scheduling/types.ts';
import {
	addBlock,
	addException,
	clashesWithOwnHours,
	endBlock,
	removeException,
	strandedBy,
	type BlockInput,
	type ExceptionInput,
	type Hours
} from './index.ts';

export type HoursChange =
	| { kind: 'addBlock'; block: BlockInput }
	| { kind: 'endBlock'; blockId: number }
	| { kind: 'addException'; exception: ExceptionInput }
	| { kind: 'removeException'; exceptionId: number };

/** The answer to "these bookings lose their time": not given yet, cancel them (with a reason), or keep. */
export type Stranding = { strand?: string; reason?: string };

/**
 * Changes the hours of `person` (whose hours the page read), as `user` (themselves or their
 * admin). New hours (a block, an extra or changed hour, a day off taken back) may free places:
 * each of the person's schools offers them to the parents waiting there (ctx.passOn).
 */
export async function changeHours(...args: Parameters<typeof applyChange>): Promise<Outcome<void>> {
	const [ctx, , person, hours] = args;
	const changed = await applyChange(...args);
	if (changed.ok && ctx.passOn) {
		for (const school of hours.schools)
			await ctx.passOn({ schoolId: school.id, staffId: person.id });
	}
	return changed;
}

/** The change itself, as `user` (themselves or their admin), of the hours the page read. */
async function applyChange(
	ctx: Ctx,
	user: SessionUser,
	person: { id: number },
	hours: Hours,
	change: HoursChange,
	stranding: Stranding
): Promise<Outcome<void>> {
	const { db } = ctx;
	switch (change.kind) {
		case 'addBlock': {
			const { block } = change;
			if (
				!hours.schools.some((s) => s.id === block.schoolId) ||
				!hours.places.some((p) => p.id === block.locationId)
			) {
				return invalid({ schoolId: 'invalid' });
			}
			await addBlock(db, person.id, block);
			return done(undefined);
		}
		case 'endBlock': {
			if (!hours.blocks.some((b) => b.id === change.blockId)) return refused('not_found');
			const blocks = hours.blocks.filter((b) => b.id !== change.blockId);
			const refusal = await settleStranded(ctx, user, person, hours, { blocks }, stranding);
			if (refusal) return refusal;
			await endBlock(db, person.id, change.blockId, hours.today);
			return done(undefined);
		}
		case 'addException': {
			const { exception } = change;
			const extra = exception.kind === 'extra';
			if (extra && !hours.schools.some((s) => s.id === exception.schoolId)) {
				return invalid({ locationId: 'invalid' });
			}
			const proposed = { ...exception, id: -1, staffId: person.id } as AvailabilityException;
			if (extra && clashesWithOwnHours(hours, proposed)) return invalid({ startTime: 'overlap' });
			const exceptions = [...hours.exceptions, proposed];
			const refusal = await settleStranded(ctx, user, person, hours, { exceptions }, stranding);
			if (refusal) return refusal;
			await addException(db, person.id, exception);
			return done(undefined);
		}
		case 'removeException':
			return (await removeException(db, person.id, change.exceptionId))
				? done(undefined)
				: refused('not_found');
	}
}

/**
 * The coming bookings the proposed hours leave without a time. Not decided yet: `stranded` with
 * the list. 'cancel': cancelled with the reason and their parents told; 'keep': left standing.
 */
async function settleStranded(
	ctx: Ctx,
	user: SessionUser,
	person: { id: number },
	hours: Hours,
	proposed: { blocks?: WeeklyBlock[]; exceptions?: AvailabilityException[] },
	{ strand, reason }: Stranding
) {
	const stranded = await strandedBy(
		ctx.db,
		person.id,
		{
			blocks: proposed.blocks ?? hours.blocks,
			exceptions: proposed.exceptions ?? hours.exceptions,
			closures: hours.closures
		},
		ctx.now
	);
	if (stranded.length === 0 || strand === 'keep') return null;
	if (strand !== 'cancel') return refused('stranded', { stranded });
	await cancelForParents(
		ctx,
		user,
		stranded.map((b) => b.id),
		(reason?.trim() || '—').slice(0, 300),
		'hours'
	);
	return null;
}
