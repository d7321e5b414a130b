import { setupPage } from '../../invite/[token]/setup-page';

/** A coordinator's account reset: set up the password and the authenticator app again. */
export const { load, actions } = setupPage('account_reset');
