// Parent pages are plain server-rendered HTML: no JavaScript is needed to read them, and none is
// sent. Pages with interaction opt in with `export const csr = true`.
export const csr = false;
