// The built SvelteKit worker, imported by src/worker.ts under an alias (see there).
declare module 'sveltekit-worker' {
	const worker: {
		fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response>;
	};
	export default worker;
}
