// Marking an appointment from the list updates its row in place (use:enhance); without
// JavaScript the same form posts and the page comes back with the row marked.
export const csr = true;
