// The kiosk runs with JavaScript: the idle reset, the live walk-in number, the wake lock and the
// offline notice need it. Every page still works as plain HTML forms.
export const csr = true;
