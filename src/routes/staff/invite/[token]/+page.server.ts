import { setupPage } from './setup-page';

/** An invitation link: choose a password, then enrol the authenticator app. */
export const { load, actions } = setupPage('invite');
