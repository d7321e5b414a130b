import { defineConfig } from 'drizzle-kit';

// drizzle-kit only writes SQL here; wrangler applies it (`npm run db:migrate:local`).
export default defineConfig({
	dialect: 'sqlite',
	schema: './src/lib/server/db/schema.ts',
	out: './migrations'
});
