// The booking steps are enhanced in the browser (no full reloads); they work without it too.
export const csr = true;
