// The queue refreshes itself while open, so a parent who taps "I'm here" shows up without a click.
export const csr = true;
